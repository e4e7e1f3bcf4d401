import { useEffect, useState } from 'react';
import { Selector, Toast } from 'antd-mobile';
import { paymentMethods, type PaymentMethod, type Visit } from '@m4s/contracts';
import { ApiError, errorText, yuan } from '@m4s/web-kit';
import { Field } from '@m4s/web-kit/mobile';
import { useI18n } from '../i18n.ts';
import { Sheet } from '../customers/sheet.tsx';
import { useDeliver } from './visit-api.ts';

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

  useEffect(() => {
    if (open) setAmount((approved / 100).toFixed(2));
  }, [open, approved]);

  const close = () => {
    setErrors({});
    onClose();
  };

  const submit = () => {
    if (!money.test(amount.trim())) {
      setErrors({ amount: t('line.amountInvalid') });
      return;
    }
    setErrors({});
    deliver.mutate(
      { payment: { method, amountFen: Math.round(Number(amount) * 100) } },
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
