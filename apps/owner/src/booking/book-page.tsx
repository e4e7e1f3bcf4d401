import { useState, type ReactNode } from 'react';
import { Button, Dialog, DotLoading, NavBar } from 'antd-mobile';
import { CalendarOutline } from 'antd-mobile-icons';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, errorText } from '@m4s/web-kit';
import { EmptyState, LoadFailed } from '@m4s/web-kit/mobile';
import { useGarage } from '../garage/garage-api.ts';
import { useI18n } from '../i18n.ts';
import { useBack } from '../ui/use-back.ts';
import { AdvisorChoice, CarChoice, ServiceChoice, StoreChoice } from './book-choices.tsx';
import { BookConfirm } from './book-confirm.tsx';
import { CouponChoice, useUsableCoupons } from './coupon-choice.tsx';
import { useAvailability, useClashes, useOwnerStores, useServiceTypes } from './booking-api.ts';
import { clashOn, ClashNotice } from './clash-notice.tsx';
import { bodyOf, clockBefore, emptyDraft, type Draft, type PickupErrors } from './draft.ts';
import { checkPickup, PickupFields } from './pickup-fields.tsx';
import { SlotPicker } from './slot-picker.tsx';
import { useBookSubmit } from './use-book-submit.ts';
import { useWhen } from './when.ts';
import '../garage/garage.css';
import './booking.css';

const Section = ({ title, extra, children }: { title: string; extra?: ReactNode; children: ReactNode }) => (
  <section className="book-section">
    <div className="book-section-head">
      <h2 className="book-section-title">{title}</h2>
      {extra}
    </div>
    {children}
  </section>
);

const Loading = () => (
  <div className="garage-loading">
    <DotLoading color="primary" />
  </div>
);

/** 预约保养: car → store → service → day and slot → advisor (optional) → 上门取送车 → concerns → confirm. */
export const BookPage = () => {
  const { t } = useI18n();
  const when = useWhen();
  const navigate = useNavigate();
  const back = useBack('/services');
  const [params] = useSearchParams();
  const garage = useGarage();
  const stores = useOwnerStores();
  const [chosen, setDraft] = useState<Draft>(() => ({
    ...emptyDraft(params.get('vehicleId')),
    pickupOn: params.get('pickup') === '1',
    couponId: params.get('couponId'),
  }));
  const coupons = useUsableCoupons();
  const cars = garage.data?.vehicles ?? [];
  const storeList = stores.data?.items ?? [];
  // One car or one store: nothing to choose.
  const draft: Draft = {
    ...chosen,
    vehicleId: chosen.vehicleId ?? (cars.length === 1 ? (cars[0]?.vehicleId ?? null) : null),
    storeId: chosen.storeId ?? (storeList.length === 1 ? (storeList[0]?.id ?? null) : null),
  };
  const types = useServiceTypes(draft.storeId);
  const slots = useAvailability(
    draft.storeId && draft.serviceTypeId
      ? { storeId: draft.storeId, serviceTypeId: draft.serviceTypeId, advisorId: draft.advisorId }
      : null,
  );
  const clashes = useClashes(draft.vehicleId);
  const [pickupErrors, setPickupErrors] = useState<PickupErrors>({});
  const [confirming, setConfirming] = useState(false);
  const { submit, isPending } = useBookSubmit();
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  const store = storeList.find((s) => s.id === draft.storeId);
  const typeList = types.data?.items ?? [];
  const type = typeList.find((s) => s.id === draft.serviceTypeId);

  const chosenSlot = slots.data?.days.flatMap((d) => d.slots).find((s) => s.startsAt === draft.startsAt);
  const advisorBusy = draft.advisorId !== null && chosenSlot !== undefined && !chosenSlot.advisorFree;
  const chosenDay = slots.data?.days.find((d) => d.slots.some((s) => s.startsAt === draft.startsAt))?.date ?? null;
  const clash = clashOn(clashes.data, chosenDay);
  const inWorkshop = clash?.kind === 'visit';
  const body = bodyOf(draft);
  const missing = !draft.vehicleId
    ? t('book.needCar')
    : !draft.storeId
      ? t('book.needStore')
      : !draft.serviceTypeId
        ? t('book.needService')
        : !draft.startsAt
          ? t('book.needTime')
          : null;

  const togglePickup = (on: boolean) => {
    const start = draft.startsAt;
    set({
      pickupOn: on,
      pickup:
        on && start && !draft.pickup.windowStart
          ? { ...draft.pickup, windowStart: clockBefore(start, 90), windowEnd: clockBefore(start, 30) }
          : draft.pickup,
    });
  };

  const review = () => {
    if (!body || advisorBusy || inWorkshop) return;
    if (draft.pickupOn) {
      const errors = checkPickup(draft.pickup, t);
      setPickupErrors(errors);
      if (errors.address || errors.window || errors.phone) return;
    }
    setConfirming(true);
  };

  const refused = (error: unknown) => {
    setConfirming(false);
    const fields = error instanceof ApiError ? error.fieldErrors() : {};
    if (fields['pickup.address'] || fields['pickup.windowEnd'] || fields['pickup.contactPhone']) {
      setPickupErrors({
        address: fields['pickup.address'],
        window: fields['pickup.windowEnd'] ?? fields['pickup.windowStart'],
        phone: fields['pickup.contactPhone'],
      });
      return;
    }
    // The server's own words (该时段已约满，请选择其他时段 …); the slots are already being refreshed.
    const slotGone = error instanceof ApiError && (error.code === 'SLOT_FULL' || fields.startsAt !== undefined);
    if (slotGone) set({ startsAt: null });
    void Dialog.alert({
      content: fields.startsAt ?? errorText(error, t('book.failed')),
      confirmText: t('book.ok'),
    });
  };

  const confirm = () => {
    if (!body) return;
    // The sheet showed the day's other booking: confirming it is the owner's explicit confirmation.
    submit(clash?.kind === 'booking' ? { ...body, confirmClash: true } : body, {
      onBooked: (booking) => void navigate(`/bookings/${booking.id}`, { replace: true, state: { created: true } }),
      onRefused: refused,
    });
  };

  if (garage.isPending || stores.isPending) return <Loading />;
  if (garage.isError || stores.isError)
    return <LoadFailed onRetry={() => void Promise.all([garage.refetch(), stores.refetch()])} />;

  return (
    <div className="sub-page book-page" data-testid="page-book">
      <NavBar className="sub-page-nav" onBack={back}>
        {t('book.title')}
      </NavBar>
      <p className="book-intro">{t('book.intro')}</p>
      {cars.length === 0 ? (
        <EmptyState
          testId="book-no-car"
          icon={<CalendarOutline />}
          title={t('book.noCarTitle')}
          description={t('book.noCarHint')}
        >
          <Button color="primary" shape="rounded" onClick={() => void navigate('/records/add')}>
            {t('book.addCar')}
          </Button>
        </EmptyState>
      ) : (
        <>
          <Section title={t('book.car')}>
            <CarChoice cars={cars} value={draft.vehicleId} onChange={(vehicleId) => set({ vehicleId })} />
          </Section>
          <ClashNotice clashes={clashes.data} day={chosenDay} />
          <Section title={t('book.store')}>
            {storeList.length === 0 ? <p className="book-section-hint">{t('book.noStores')}</p> : null}
            <StoreChoice
              stores={storeList}
              value={draft.storeId}
              onChange={(storeId) =>
                storeId !== draft.storeId && set({ storeId, serviceTypeId: null, startsAt: null, advisorId: null })
              }
            />
          </Section>
          {draft.storeId ? (
            <Section title={t('book.service')}>
              {types.isPending ? <Loading /> : null}
              {types.data && typeList.length === 0 ? <p className="book-section-hint">{t('book.noServices')}</p> : null}
              <ServiceChoice
                types={typeList}
                value={draft.serviceTypeId}
                onChange={(serviceTypeId) => set({ serviceTypeId })}
              />
            </Section>
          ) : null}
          <Section title={t('book.time')}>
            {draft.storeId && draft.serviceTypeId ? (
              <SlotPicker
                storeId={draft.storeId}
                serviceTypeId={draft.serviceTypeId}
                advisorId={draft.advisorId}
                value={draft.startsAt}
                onChange={(startsAt) => set({ startsAt })}
              />
            ) : (
              <p className="book-section-hint">{t('book.pickStoreFirst')}</p>
            )}
          </Section>
          {store && store.advisors.length > 0 ? (
            <Section title={t('book.advisor')} extra={<span className="book-optional">{t('book.optional')}</span>}>
              <AdvisorChoice
                advisors={store.advisors}
                value={draft.advisorId}
                onChange={(advisorId) => set({ advisorId })}
              />
              <p className={`book-section-hint${advisorBusy ? ' book-warn' : ''}`} data-testid="advisor-hint">
                {advisorBusy ? t('book.advisorBusy') : t('book.advisorHint')}
              </p>
            </Section>
          ) : null}
          <section className="book-section">
            <PickupFields
              on={draft.pickupOn}
              pickup={draft.pickup}
              errors={pickupErrors}
              onToggle={togglePickup}
              onChange={(pickup) => set({ pickup })}
            />
          </section>
          <Section title={t('book.concerns')} extra={<span className="book-optional">{t('book.optional')}</span>}>
            {/* A native textarea: the test id sits on the control itself, not on a wrapper. */}
            <textarea
              className="text-box"
              placeholder={t('book.concernsPlaceholder')}
              value={draft.concerns}
              onChange={(e) => set({ concerns: e.target.value })}
              maxLength={500}
              rows={3}
              data-testid="book-concerns"
            />
          </Section>
          {coupons.length > 0 ? (
            <Section title={t('book.coupon')} extra={<span className="book-optional">{t('book.optional')}</span>}>
              <CouponChoice coupons={coupons} value={draft.couponId} onChange={(couponId) => set({ couponId })} />
              <p className="book-section-hint">{t('book.couponHint')}</p>
            </Section>
          ) : null}
          <footer className="book-bar">
            <div className="book-bar-text" data-testid="book-bar-text">
              {inWorkshop ? t('clash.barVisit') : draft.startsAt ? when.slot(draft.startsAt) : (missing ?? '')}
            </div>
            <Button
              color="primary"
              shape="rounded"
              disabled={!body || advisorBusy || inWorkshop}
              onClick={review}
              data-testid="book-submit"
            >
              {t('book.submit')}
            </Button>
          </footer>
        </>
      )}
      <BookConfirm
        visible={confirming}
        body={body}
        car={cars.find((c) => c.vehicleId === draft.vehicleId)}
        store={store}
        type={type}
        coupon={coupons.find((c) => c.id === draft.couponId)}
        sameDay={clash?.kind === 'booking' ? clash.booking : null}
        pending={isPending}
        onConfirm={confirm}
        onClose={() => setConfirming(false)}
      />
    </div>
  );
};
