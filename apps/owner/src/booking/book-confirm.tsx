import { Button, Popup } from 'antd-mobile';
import type { BookingClashes, Coupon, OwnerBookingInput, OwnerStore, OwnerVehicle, ServiceType } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { BookingFacts } from './booking-facts.tsx';
import { usePriceText } from './book-choices.tsx';
import { useWhen } from './when.ts';

type Props = {
  visible: boolean;
  body: OwnerBookingInput | null;
  car: OwnerVehicle | undefined;
  store: OwnerStore | undefined;
  type: ServiceType | undefined;
  /** The coupon chosen to use at the visit, if any. */
  coupon?: Coupon | undefined;
  /** The car's booking on the same day: the sheet asks to book again (confirmClash). */
  sameDay: BookingClashes['bookings'][number] | null;
  pending: boolean;
  onConfirm: () => void;
  onClose: () => void;
};

/** 确认预约信息: everything chosen on one sheet before the place is taken. */
export const BookConfirm = ({
  visible,
  body,
  car,
  store,
  type,
  coupon,
  sameDay,
  pending,
  onConfirm,
  onClose,
}: Props) => {
  const { t } = useI18n();
  const when = useWhen();
  const price = usePriceText();
  const advisor = store?.advisors.find((a) => a.id === body?.advisorId);
  return (
    <Popup visible={visible} onMaskClick={onClose} onClose={onClose} bodyClassName="book-sheet" showCloseButton>
      {body ? (
        <div data-testid="book-confirm-sheet">
          <div className="book-sheet-title">{t('book.confirmTitle')}</div>
          <BookingFacts
            facts={[
              { key: 'time', label: t('booking.time'), value: when.slot(body.startsAt) },
              { key: 'service', label: t('booking.service'), value: type?.name ?? '' },
              type
                ? { key: 'price', label: t('booking.price'), value: price(type.priceMinFen, type.priceMaxFen) }
                : null,
              { key: 'car', label: t('booking.car'), value: car?.plate ?? car?.vinMasked ?? '' },
              { key: 'store', label: t('booking.store'), value: store?.name ?? '' },
              { key: 'advisor', label: t('booking.advisor'), value: advisor?.name ?? t('booking.advisorAny') },
              body.pickup
                ? {
                    key: 'pickup',
                    label: t('booking.pickup'),
                    value: `${t('booking.pickupWindow', { start: body.pickup.windowStart, end: body.pickup.windowEnd })} · ${body.pickup.address}`,
                  }
                : null,
              coupon ? { key: 'coupon', label: t('book.coupon'), value: coupon.name } : null,
              body.concerns ? { key: 'concerns', label: t('booking.concerns'), value: body.concerns } : null,
            ]}
          />
          {sameDay ? (
            <p className="book-sheet-clash" data-testid="book-confirm-clash">
              {t('clash.confirmSameDay', {
                time: when.slot(sameDay.startsAt, sameDay.endsAt),
                store: sameDay.storeName,
              })}
            </p>
          ) : null}
          <div className="book-sheet-actions">
            <Button shape="rounded" onClick={onClose}>
              {t('book.back')}
            </Button>
            <Button
              color="primary"
              shape="rounded"
              loading={pending}
              loadingText={t('book.submitting')}
              onClick={onConfirm}
              data-testid="book-confirm"
            >
              {t('book.confirm')}
            </Button>
          </div>
        </div>
      ) : null}
    </Popup>
  );
};
