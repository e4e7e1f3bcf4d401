import {
  normalisePhone,
  parseAmountFen,
  parseDate,
  parseDateTime,
  parseText,
  parseVin,
  toInstant,
  type Cell,
} from './cells.ts';
import type { Lookups } from './lookups.ts';
import type { FieldReader, Issue } from './rows.ts';

/** One row of a sales / deliveries export (销售交车明细). */
export type SaleRecord = {
  rowNo: number;
  orderNumber: string | null;
  vin: string | null;
  vehicleRef: string | null;
  customerRef: string | null;
  buyerPhone: string | null;
  orderDate: string;
  deliveryDate: string;
  /** The recorded moment of the hand-over when the file gives a time; null: the date only. */
  deliveredAt: Date | null;
  consultant: string | null;
  priceFen: number;
  storeId: string | null;
  warnings: Issue[];
};

const text = (max: number) => (cell: Cell) => parseText(cell, max);

export const readSaleRow = (r: FieldReader, lookups: Lookups): SaleRecord | null => {
  r.required('deliveryDate');
  const orderNumber = r.parse('orderNumber', text(200));
  const vin = r.parse('vin', parseVin);
  const vehicleRef = r.parse('vehicleRef', text(200));
  const customerRef = r.parse('customerRef', text(200));
  const buyerPhone = r.parse('buyerPhone', normalisePhone);
  const orderDate = r.parse('orderDate', parseDate);
  const delivered = r.parse('deliveryDate', parseDateTime);
  const consultant = r.parse('consultant', text(40));
  const priceFen = r.parse('price', parseAmountFen);
  if (!vin && !vehicleRef && r.text('vin') === '') r.fail('vin', 'import_required', null);
  if (!customerRef && !buyerPhone && r.text('buyerPhone') === '') r.fail('customerRef', 'import_owner_missing', null);
  if (r.errors.length > 0 || !delivered) return null;
  const storeName = r.text('storeCode');
  const store = storeName ? lookups.store(storeName) : null;
  if (store && 'warning' in store) r.warn('storeCode', store.warning);
  return {
    rowNo: r.rowNo,
    orderNumber: orderNumber ?? null,
    vin: vin ?? null,
    vehicleRef: vehicleRef ?? null,
    customerRef: customerRef ?? null,
    buyerPhone: buyerPhone ?? null,
    orderDate: orderDate ?? delivered.date,
    deliveryDate: delivered.date,
    deliveredAt: delivered.time ? toInstant(delivered, lookups.timezone) : null,
    consultant: consultant ?? null,
    priceFen: priceFen ?? 0,
    storeId: store && 'id' in store ? store.id : null,
    warnings: r.warnings,
  };
};
