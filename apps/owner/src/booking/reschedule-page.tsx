import { useState } from 'react';
import { Button, Dialog, DotLoading, NavBar, Toast } from 'antd-mobile';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError, dayOf, errorText } from '@m4s/web-kit';
import { LoadFailed } from '@m4s/web-kit/mobile';
import { useI18n } from '../i18n.ts';
import { useAvailability, useBooking, useClashes, useRescheduleBooking } from './booking-api.ts';
import { clashOn, ClashNotice } from './clash-notice.tsx';
import { SlotPicker } from './slot-picker.tsx';
import { useWhen } from './when.ts';
import '../garage/garage.css';
import './booking.css';

/** 改约: another slot at the same store for the same service; the new place is taken before the old is freed. */
export const ReschedulePage = () => {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const when = useWhen();
  const navigate = useNavigate();
  const booking = useBooking(id);
  const reschedule = useRescheduleBooking(id);
  const [startsAt, setStartsAt] = useState<string | null>(null);
  const b0 = booking.data;
  // The same query the slot picker makes (cached): which tenant day the chosen slot is on.
  const slots = useAvailability(
    b0 ? { storeId: b0.store.id, serviceTypeId: b0.serviceType.id, advisorId: b0.advisor?.id ?? null } : null,
  );
  const clashes = useClashes(b0?.vehicle.id ?? null, id);
  const chosenDay = slots.data?.days.find((d) => d.slots.some((s) => s.startsAt === startsAt))?.date ?? null;
  const clash = clashOn(clashes.data, chosenDay);
  const inWorkshop = clash?.kind === 'visit';
  const back = () => void navigate(`/bookings/${id}`, { replace: true });

  const submit = () => {
    if (!startsAt || !booking.data || inWorkshop) return;
    reschedule.mutate(
      // The day's other booking is shown right above the button: 确认改约 confirms it (confirmClash).
      { startsAt, advisorId: booking.data.advisor?.id ?? null, confirmClash: clash?.kind === 'booking' },
      {
        onSuccess: (next) => {
          Toast.show({ icon: 'success', content: t('reschedule.done') });
          void navigate(`/bookings/${next.id}`, { replace: true, state: { rescheduled: true } });
        },
        onError: (error) => {
          const fields = error instanceof ApiError ? error.fieldErrors() : {};
          if (error instanceof ApiError && (error.code === 'SLOT_FULL' || fields.startsAt)) setStartsAt(null);
          void Dialog.alert({
            content: fields.startsAt ?? errorText(error, t('booking.actionFailed')),
            confirmText: t('book.ok'),
          });
        },
      },
    );
  };

  const body = () => {
    if (booking.isPending)
      return (
        <div className="garage-loading">
          <DotLoading color="primary" />
        </div>
      );
    if (booking.isError) return <LoadFailed onRetry={() => void booking.refetch()} />;
    const b = booking.data;
    return (
      <>
        <section className="book-section">
          <div className="book-section-title">{b.serviceType.name}</div>
          <p className="book-section-hint" data-testid="reschedule-current">
            {b.store.name} · {t('reschedule.current', { time: when.slot(b.startsAt, b.endsAt) })}
          </p>
        </section>
        <ClashNotice clashes={clashes.data} day={chosenDay} />
        <section className="book-section">
          <div className="book-section-head">
            <h2 className="book-section-title">{t('book.time')}</h2>
          </div>
          <SlotPicker
            storeId={b.store.id}
            serviceTypeId={b.serviceType.id}
            advisorId={b.advisor?.id ?? null}
            value={startsAt}
            onChange={setStartsAt}
            initialDay={dayOf(b.startsAt)}
          />
        </section>
        <footer className="book-bar">
          <div className="book-bar-text">
            {inWorkshop ? t('clash.barVisit') : startsAt ? when.slot(startsAt) : t('book.needTime')}
          </div>
          <Button
            color="primary"
            shape="rounded"
            disabled={!startsAt || startsAt === b.startsAt || inWorkshop}
            loading={reschedule.isPending}
            onClick={submit}
            data-testid="reschedule-submit"
          >
            {t('reschedule.submit')}
          </Button>
        </footer>
      </>
    );
  };

  return (
    <div className="sub-page book-page" data-testid="page-reschedule">
      <NavBar className="sub-page-nav" onBack={back}>
        {t('reschedule.title')}
      </NavBar>
      {body()}
    </div>
  );
};
