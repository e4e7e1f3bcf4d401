import { vinCheck, type repairOrderTypes, type WorkKind } from '@m4s/contracts';
import {
  cellText,
  parseAmountFen,
  parseDateTime,
  parseDecimal,
  parseKm,
  parseText,
  toInstant,
  type Cell,
  type Parsed,
} from './cells.ts';
import type { Lookups } from './lookups.ts';
import type { BatchResult, FieldReader, Issue } from './rows.ts';

type OrderType = (typeof repairOrderTypes)[number];
type LineKind = 'labour' | 'part';

/** 维修类型 as DMS exports write it. Empty means a general repair. */
const orderTypes: [RegExp, OrderType][] = [
  [/保养|首保|定保|maintenance/i, 'maintenance'],
  [/事故|钣喷|钣金|喷漆|理赔|accident/i, 'accident'],
  [/索赔|保修|三包|warranty/i, 'warranty_claim'],
  [/活动|召回|campaign|recall/i, 'campaign'],
  [/维修|机修|电器|美容|装潢|返修|repair|general/i, 'general_repair'],
];

const lineKinds: [RegExp, LineKind][] = [
  [/工时|人工|项目|维修|labou?r/i, 'labour'],
  [/配件|材料|零件|备件|辅料|油品|part/i, 'part'],
];

/** An explicit work kind of a line (repair_order_lines.work); empty: the database classifies the name. */
const workKindsByWord: [RegExp, WorkKind][] = [
  [/保养|首保|定保|maintenance/i, 'maintenance'],
  [/精品|加装|装潢|accessor/i, 'accessory'],
  [/检测|检查|诊断|inspection/i, 'inspection'],
  [/维修|修理|钣喷|更换|repair/i, 'repair'],
  [/其他|其它|other/i, 'other'],
];

const pick = <T>(table: [RegExp, T][], cell: Cell): Parsed<T> => {
  const text = cellText(cell);
  if (text === '') return null;
  const hit = table.find(([re]) => re.test(text));
  return hit ? { ok: true, value: hit[1] } : { ok: false, key: 'import_value_unknown' };
};

/** One line of a repair order, read from one row of 维修工单明细. */
export type OrderLine = {
  rowNo: number;
  kind: LineKind;
  description: string;
  /** Given in the file; null: classified from the description on insert. */
  work: WorkKind | null;
  quantity: number;
  labourHours: number | null;
  amountFen: number;
  costFen: number;
};

/** The order's own fields, as read from one of its rows (the first row that gives a value wins). */
export type OrderHead = {
  vin: string | null;
  /** The old system's car number (same source), when the order names its car by it. */
  vehicleRef: string | null;
  dateIn: Date | null;
  dateOut: Date | null;
  type: OrderType | null;
  mileageKm: number | null;
  storeId: string | null;
  /** The advisor as the file names them: matched to staff within the order's store when it is applied. */
  advisor: string | null;
  technician: string | null;
  /** Per-order totals (工时费, 材料费, 材料成本, 合计) in fen, when the file gives them. */
  labourFen: number | null;
  partsFen: number | null;
  partsCostFen: number | null;
  totalFen: number | null;
};

export type OrderRowRead = {
  rowNo: number;
  head: OrderHead;
  line: OrderLine | null;
  errors: Issue[];
  warnings: Issue[];
};

/** Reads one line row; the order it belongs to is assembled from its rows by the caller. */
export const readOrderRow = (r: FieldReader, lookups: Lookups): OrderRowRead => {
  r.required('orderNumber');
  const vinText = r.text('vin').replace(/\s/g, '');
  const vin = vinText === '' ? null : vinCheck(vinText);
  if (vin && !vin.ok) r.fail('vin', `vin_${vin.reason}`);
  const dateIn = r.parse('dateIn', parseDateTime);
  const dateOut = r.parse('dateOut', parseDateTime);
  const type = r.parse('orderType', (c) => pick(orderTypes, c));
  const mileageKm = r.parse('mileageKm', parseKm);
  const technician = r.parse('technician', (c) => parseText(c, 40));
  const explicitKind = r.parse('lineKind', (c) => pick(lineKinds, c));
  const description = r.parse('lineName', (c) => parseText(c, 120));
  const work = r.parse('lineWork', (c) => pick(workKindsByWord, c));
  const labourHours = r.parse('labourHours', (c) => parseDecimal(c, 500));
  const quantity = r.parse('quantity', (c) => parseDecimal(c, 10_000));
  const amountFen = r.parse('amount', parseAmountFen);
  const costFen = r.parse('partsCost', parseAmountFen);
  const vehicleRef = r.parse('vehicleRef', (c) => parseText(c, 200));
  const labourTotal = r.parse('labourAmount', parseAmountFen);
  const partsTotal = r.parse('partsAmount', parseAmountFen);
  const partsCostTotal = r.parse('partsCostTotal', parseAmountFen);
  const total = r.parse('totalAmount', parseAmountFen);
  if (quantity === 0) r.fail('quantity', 'import_number');

  const named = (field: 'storeCode') => {
    const text = r.text(field);
    if (!text) return null;
    const found = lookups.store(text);
    if (found && 'id' in found) return found.id;
    if (found) r.warn(field, found.warning);
    return null;
  };
  const head: OrderHead = {
    vin: vin?.ok ? vin.vin : null,
    vehicleRef: vehicleRef ?? null,
    dateIn: dateIn ? toInstant(dateIn, lookups.timezone) : null,
    dateOut: dateOut ? toInstant(dateOut, lookups.timezone) : null,
    type: type ?? null,
    mileageKm: mileageKm ?? null,
    storeId: named('storeCode'),
    advisor: r.text('serviceAdvisor') || null,
    technician: technician ?? null,
    labourFen: labourTotal ?? null,
    partsFen: partsTotal ?? null,
    partsCostFen: partsCostTotal ?? null,
    totalFen: total ?? null,
  };
  // A row with nothing of a line in it only carries the order's own fields.
  const hasLine = ['lineName', 'lineKind', 'labourHours', 'quantity', 'amount', 'partsCost'].some(
    (f) => r.text(f) !== '',
  );
  if (hasLine && !description) r.fail('lineName', 'import_line_name', null);
  const line: OrderLine | null =
    hasLine && description
      ? {
          rowNo: r.rowNo,
          kind: explicitKind ?? (labourHours ? 'labour' : quantity ? 'part' : 'labour'),
          description,
          work: work ?? null,
          quantity: quantity ?? 1,
          labourHours: labourHours ?? null,
          amountFen: amountFen ?? 0,
          costFen: costFen ?? 0,
        }
      : null;
  return { rowNo: r.rowNo, head, line, errors: r.errors, warnings: r.warnings };
};

/** A repair order assembled from all its rows (they may be anywhere in the file). */
export type OrderGroup = { number: string; rows: OrderRowRead[] };

export const mergeHeads = (rows: OrderRowRead[]): OrderHead => {
  const head: OrderHead = {
    vin: null,
    vehicleRef: null,
    dateIn: null,
    dateOut: null,
    type: null,
    mileageKm: null,
    storeId: null,
    advisor: null,
    technician: null,
    labourFen: null,
    partsFen: null,
    partsCostFen: null,
    totalFen: null,
  };
  for (const row of rows)
    for (const k of Object.keys(head) as (keyof OrderHead)[])
      if (head[k] === null) Object.assign(head, { [k]: row.head[k] });
  return head;
};

/** A whole order refused: its problems reported, and every other row of it says its order was refused. */
export const refuseOrder = (
  result: BatchResult,
  group: OrderGroup,
  errors: Issue[],
  header: (field: string) => string | null,
) => {
  const withOwn = new Set(errors.map((e) => e.rowNo));
  result.issues.push(...errors);
  for (const r of group.rows)
    if (!withOwn.has(r.rowNo))
      result.issues.push({
        rowNo: r.rowNo,
        column: header('orderNumber'),
        value: group.number,
        key: 'import_order_other_rows',
      });
  result.failed += group.rows.length;
};
