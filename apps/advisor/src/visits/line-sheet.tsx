import { useEffect, useState } from 'react';
import type { EstimateLineInput } from '@m4s/contracts';
import { yuan } from '@m4s/web-kit';
import { Field } from '@m4s/web-kit/mobile';
import { useI18n } from '../i18n.ts';
import { Sheet } from '../customers/sheet.tsx';

/** What the sheet edits: a new line of a kind, or an existing draft line. */
export type LineDraft = { index: number | null; line: EstimateLineInput };

type Errors = Partial<Record<'description' | 'hours' | 'qty' | 'price' | 'form', string>>;

const money = /^\d{1,9}(\.\d{1,2})?$/;
const decimal = /^\d{1,5}(\.\d{1,2})?$/;
const toFen = (text: string) => Math.round(Number(text) * 100);
const fenText = (fen: number) => (fen / 100).toFixed(2).replace(/\.00$/, '');

type Props = {
  draft: LineDraft | null;
  saving: boolean;
  error: string | null;
  onSave: (draft: LineDraft) => void;
  onClose: () => void;
};

/**
 * One estimate line as a service desk writes it: labour as hours and an amount (the store's labour rate
 * times hours, as the advisor quotes it), a part as part number, quantity and unit price — its amount is
 * the quantity times the unit price.
 */
export const LineSheet = ({ draft, saving, error, onSave, onClose }: Props) => {
  const { t, locale } = useI18n();
  const [description, setDescription] = useState('');
  const [partNo, setPartNo] = useState('');
  const [hours, setHours] = useState('');
  const [qty, setQty] = useState('1');
  const [price, setPrice] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const line = draft?.line;
  const part = line?.kind === 'part';

  useEffect(() => {
    if (!line) return;
    const quantity = line.quantity ?? 1;
    setDescription(line.description);
    setPartNo(line.partNo ?? '');
    setHours(line.labourHours == null ? '' : String(line.labourHours));
    setQty(String(quantity));
    const unit = line.kind === 'part' ? Math.round(line.amountFen / quantity) : line.amountFen;
    setPrice(line.description ? fenText(unit) : '');
    setErrors({});
  }, [line]);

  const submit = () => {
    if (!draft || !line) return;
    const next: Errors = {
      description: description.trim() ? undefined : t('line.descriptionRequired'),
      price: money.test(price.trim()) ? undefined : t('line.amountInvalid'),
      hours: part || decimal.test(hours.trim()) ? undefined : t('line.hoursInvalid'),
      qty: !part || (decimal.test(qty.trim()) && Number(qty) > 0) ? undefined : t('line.quantityInvalid'),
    };
    setErrors(next);
    if (next.description || next.price || next.hours || next.qty) return;
    const quantity = part ? Number(qty) : 1;
    onSave({
      index: draft.index,
      line: {
        ...line,
        description: description.trim(),
        partNo: part ? partNo.trim() || null : null,
        quantity,
        labourHours: part ? null : Number(hours),
        amountFen: part ? Math.round(toFen(price) * quantity) : toFen(price),
      },
    });
  };

  const title = draft?.index != null ? t('line.editTitle') : t(part ? 'line.newPart' : 'line.newLabour');
  const total = part && money.test(price.trim()) && decimal.test(qty.trim()) ? toFen(price) * Number(qty) : null;
  return (
    <Sheet
      open={draft !== null}
      title={title}
      onClose={onClose}
      onSubmit={submit}
      submitting={saving}
      error={error}
      testId="line"
    >
      <Field
        id="line-description"
        label={t('line.description')}
        placeholder={t(part ? 'line.partPlaceholder' : 'line.labourPlaceholder')}
        maxLength={120}
        value={description}
        error={errors.description}
        onChange={(e) => setDescription(e.target.value)}
        data-testid="line-description"
      />
      {part && (
        <Field
          id="line-part-no"
          label={t('line.partNo')}
          placeholder={t('line.partNoPlaceholder')}
          maxLength={40}
          value={partNo}
          onChange={(e) => setPartNo(e.target.value)}
          data-testid="line-part-no"
        />
      )}
      {part ? (
        <Field
          id="line-qty"
          label={t('line.quantity')}
          inputMode="decimal"
          value={qty}
          error={errors.qty}
          onChange={(e) => setQty(e.target.value)}
          data-testid="line-qty"
        />
      ) : (
        <Field
          id="line-hours"
          label={t('line.hours')}
          inputMode="decimal"
          placeholder="1.5"
          value={hours}
          error={errors.hours}
          onChange={(e) => setHours(e.target.value)}
          data-testid="line-hours"
        />
      )}
      <Field
        id="line-price"
        label={t(part ? 'line.unitPrice' : 'line.amount')}
        inputMode="decimal"
        placeholder="0.00"
        value={price}
        error={errors.price}
        onChange={(e) => setPrice(e.target.value)}
        extra={t('line.yuan')}
        data-testid="line-price"
      />
      {total !== null && (
        <p className="sheet-note tabular">{t('line.lineTotal', { amount: yuan(Math.round(total), locale) })}</p>
      )}
    </Sheet>
  );
};
