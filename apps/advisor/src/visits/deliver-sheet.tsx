import { useEffect, useState } from 'react';
import { Selector, Toast } from 'antd-mobile';
import { paymentMethods, type PaymentMethod, type Visit } from '@m4s/contracts';
import { ApiError, errorText, yuan } from '@m4s/web-kit';
import { Field } from '@m4s/web-kit/mobile';
import { useI18n } from '../i18n.ts';
import { Sheet } from '../customers/sheet.tsx';
import { useDeliver } from './visit-api.ts';
import { useVisitLoyalty } from '../loyalty/loyalty-api.ts';

const money = /^\d{1,9}(\.\d{1,2})?$/;

/**
 * 交车结算: how the customer paid and how much (the approved total unless the store gave a discount).
 * Delivery writes the repair order and the next service date and mileage, shown on the page afterwards.
 */
export const DeliverSheet = ({ visit, open, onClose }: { visit: Visit; open: boolean; onClose: () => void }) => {
  const { t, locale } = useI18n();
  const deliver = useDeliver(visit.id);
  const [method, setMethod] = useState<PaymentMethod>('wechat');
  const [amount, setAmount] = useState('');
  const [errors, setErrors] = useState<{ amount?: string | undefined; form?: string | undefined }>({});
  const approved = visit.totals.approvedFen;
  // The member's coupons valid for this bill and the points it may take (docs/loyalty.md).
  const loyalty = useVisitLoyalty(visit.id, open);
  const offers = loyalty.data;
  const usable = offers?.coupons.filter((c) => c.usable) ?? [];
  const [couponId, setCouponId] = useState<string>('');
  const [points, setPoints] = useState('');
  const chosen = usable.find((c) => c.id === couponId);
  const couponFen = chosen?.discountFen ?? 0;
  // The points' share counts what is left of the bill after the coupon (the server refuses more).
  const maxPoints = chosen?.maxPoints ?? offers?.maxPoints ?? 0;
  const pointValue = offers?.member?.pointValueFen ?? 0;
  const pointsN = /^\d+$/.test(points.trim()) ? Number(points.trim()) : 0;
  const due = Math.max(0, approved - couponFen - pointsN * pointValue);

  // The coupon the owner booked with (a campaign's, one bought with points) comes pre-selected.
  const booked = offers?.bookedCouponId ?? null;
  useEffect(() => {
    if (open && booked) setCouponId(booked);
  }, [open, booked]);

  useEffect(() => {
    if (open) setAmount((due / 100).toFixed(2));
  }, [open, due]);

  const close = () => {
    setErrors({});
    onClose();
  };

  const submit = () => {
    if (!money.test(amount.trim())) {
      setErrors({ amount: t('line.amountInvalid') });
      return;
    }
    if (points.trim() !== '' && (!/^\d+$/.test(points.trim()) || pointsN > maxPoints)) {
      setErrors({ form: t('loyalty.pointsInvalid') });
      return;
    }
    setErrors({});
    const use = { ...(couponId ? { couponId } : {}), ...(pointsN > 0 ? { points: pointsN } : {}) };
    deliver.mutate(
      {
        payment: { method, amountFen: Math.round(Number(amount) * 100) },
        ...(Object.keys(use).length > 0 ? { loyalty: use } : {}),
      },
      {
        onSuccess: () => {
          Toast.show({ icon: 'success', content: t('deliver.done') });
          close();
        },
        onError: (error) => {
          const fields = error instanceof ApiError ? error.fieldErrors() : {};
          setErrors({ amount: fields['payment.amountFen'], form: errorText(error, t('app.loadFailedHint')) });
        },
      },
    );
  };

  return (
    <Sheet
      open={open}
      title={t('deliver.title')}
      onClose={close}
      onSubmit={submit}
      submitting={deliver.isPending}
      error={errors.form}
      submitLabel={t('deliver.submit')}
      testId="deliver"
    >
      <div className="deliver-approved">
        <span>{t('deliver.approved')}</span>
        <b className="tabular" data-testid="deliver-approved">
          {yuan(approved, locale)}
        </b>
      </div>
      {usable.length > 0 && (
        <>
          <div className="sheet-label">{t('loyalty.coupon')}</div>
          <Selector<string>
            columns={1}
            value={[couponId]}
            onChange={(v) => setCouponId(v[0] ?? '')}
            options={[
              { value: '', label: t('loyalty.noCoupon') },
              ...usable.map((c) => ({
                value: c.id,
                label:
                  c.discountFen > 0
                    ? t('loyalty.couponOff', { name: c.name, amount: yuan(c.discountFen, locale) })
                    : t('loyalty.couponGift', { name: c.name }),
              })),
            ]}
            data-testid="deliver-coupon"
          />
        </>
      )}
      {offers && maxPoints > 0 && (
        <Field
          id="deliver-points"
          label={t('loyalty.points')}
          inputMode="numeric"
          value={points}
          onChange={(e) => setPoints(e.target.value)}
          extra={t('loyalty.pointsHint', { max: maxPoints, value: yuan(pointValue, locale) })}
          data-testid="deliver-points"
        />
      )}
      <div className="sheet-label">{t('deliver.method')}</div>
      <Selector<PaymentMethod>
        columns={3}
        value={[method]}
        onChange={(v) => v[0] && setMethod(v[0])}
        options={paymentMethods.map((m) => ({ value: m, label: t(`deliver.method.${m}`) }))}
        data-testid="deliver-method"
      />
      <Field
        id="deliver-amount"
        label={t('deliver.amount')}
        inputMode="decimal"
        value={amount}
        error={errors.amount}
        onChange={(e) => setAmount(e.target.value)}
        extra={t('line.yuan')}
        data-testid="deliver-amount"
      />
    </Sheet>
  );
};
