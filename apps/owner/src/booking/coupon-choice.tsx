import type { Coupon } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { useOwnerLoyalty } from '../loyalty/loyalty-api.ts';
import { Option } from './book-choices.tsx';

/** The coupons the owner holds, still to use: the chosen one travels with the booking (tap again to leave it). */
export const useUsableCoupons = (): Coupon[] =>
  (useOwnerLoyalty().data?.coupons ?? []).filter((c) => c.status === 'issued');

export const CouponChoice = ({
  coupons,
  value,
  onChange,
}: {
  coupons: Coupon[];
  value: string | null;
  onChange: (id: string | null) => void;
}) => {
  const { t } = useI18n();
  return (
    <div className="options">
      {coupons.map((c) => (
        <Option
          key={c.id}
          on={value === c.id}
          onClick={() => onChange(value === c.id ? null : c.id)}
          testId="coupon-option"
          name={c.name}
        >
          <span className="option-title">{c.name}</span>
          <span className="option-sub">{t('book.couponValid', { day: c.validUntil })}</span>
        </Option>
      ))}
    </div>
  );
};
