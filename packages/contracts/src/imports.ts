import { z } from 'zod';
import { uuid } from './common.ts';

/**
 * DMS import kinds. `customers`: one row per car with its owner (the usual 客户车辆档案 export);
 * `vehicles`: one row per car naming its owner by the old system's customer number (车辆档案);
 * `repair_orders`: one row per order (per-order totals) or per line (维修工单明细), grouped by the order
 * number; `repair_order_lines`: a lines file keyed by order number, for orders already imported;
 * `sales`: new-car sales and deliveries. A workbook's sheets run in this order (dependencies first).
 */
export const importKinds = ['customers', 'vehicles', 'sales', 'repair_orders', 'repair_order_lines'] as const;
export type ImportKind = (typeof importKinds)[number];

/**
 * uploaded → (mapping chosen) queued → running → done | failed; `needs_mapping` when a required field is
 * unmapped; a done run can be `undone` (what it created removed, what it filled in restored).
 */
export const importStatuses = ['needs_mapping', 'queued', 'running', 'done', 'failed', 'undone'] as const;
export type ImportStatus = (typeof importStatuses)[number];

/** A car's own fields after its VIN, as the customers (one car per owner) and vehicles kinds read them. */
const carFields = [
  { field: 'plate', required: false },
  { field: 'brand', required: false },
  { field: 'series', required: false },
  { field: 'model', required: false },
  { field: 'modelYear', required: false },
  { field: 'colour', required: false },
  { field: 'purchaseDate', required: false },
  { field: 'insurer', required: false },
  { field: 'insurancePolicyNo', required: false },
  { field: 'insuranceExpiry', required: false },
  { field: 'inspectionDue', required: false },
  { field: 'mileageKm', required: false },
  { field: 'mileageDate', required: false },
] as const;

/** A repair-order line's fields besides its name, as the repair_orders and repair_order_lines kinds read them. */
const lineFields = [
  { field: 'lineKind', required: false },
  /** The line's work (保养/维修/检测/精品/其他); empty: classified from the name (app_work_kind). */
  { field: 'lineWork', required: false },
  { field: 'labourHours', required: false },
  { field: 'quantity', required: false },
  { field: 'amount', required: false },
  { field: 'partsCost', required: false },
] as const;

/** The fields a file's columns can be mapped to, per kind; `required` ones must be mapped before a run. */
export const importFields = {
  customers: [
    { field: 'customerName', required: true },
    { field: 'phone', required: true },
    { field: 'secondPhone', required: false },
    { field: 'gender', required: false },
    { field: 'birthday', required: false },
    { field: 'idNumber', required: false },
    { field: 'address', required: false },
    { field: 'occupation', required: false },
    { field: 'source', required: false },
    { field: 'customerRef', required: false },
    { field: 'salesConsultant', required: false },
    { field: 'serviceAdvisor', required: false },
    { field: 'storeCode', required: false },
    { field: 'vin', required: false },
    ...carFields,
  ],
  vehicles: [
    /** The owner by the old system's customer number (same source), or by phone: one of the two is mapped. */
    { field: 'customerRef', required: false },
    { field: 'ownerPhone', required: false },
    /** The old system's number for the car (its source key). */
    { field: 'vehicleRef', required: false },
    { field: 'vin', required: true },
    ...carFields,
  ],
  sales: [
    /** The old system's sales order number (kept as external_ref and the source key). */
    { field: 'orderNumber', required: false },
    /** The car by VIN or by the old system's car number: one of the two is mapped. */
    { field: 'vin', required: false },
    { field: 'vehicleRef', required: false },
    /** The buyer by the old system's customer number or by phone: one of the two is mapped. */
    { field: 'customerRef', required: false },
    { field: 'buyerPhone', required: false },
    { field: 'orderDate', required: false },
    { field: 'deliveryDate', required: true },
    { field: 'consultant', required: false },
    { field: 'price', required: false },
    { field: 'storeCode', required: false },
  ],
  repair_orders: [
    { field: 'orderNumber', required: true },
    /** The car by VIN or by the old system's car number (same source): one of the two is mapped. */
    { field: 'vin', required: false },
    { field: 'vehicleRef', required: false },
    { field: 'dateIn', required: true },
    { field: 'dateOut', required: false },
    { field: 'orderType', required: false },
    { field: 'mileageKm', required: false },
    { field: 'storeCode', required: false },
    { field: 'serviceAdvisor', required: false },
    { field: 'technician', required: false },
    { field: 'lineName', required: false },
    ...lineFields,
    /** Per-order totals (工时费, 材料费, 材料成本, 合计): an order with them needs no lines. */
    { field: 'labourAmount', required: false },
    { field: 'partsAmount', required: false },
    { field: 'partsCostTotal', required: false },
    { field: 'totalAmount', required: false },
  ],
  repair_order_lines: [{ field: 'orderNumber', required: true }, { field: 'lineName', required: true }, ...lineFields],
} as const satisfies Record<ImportKind, readonly { field: string; required: boolean }[]>;
/** Fields of which at least one must be mapped (the first is where the mapping screen says so). */
export const importFieldsOneOf: Partial<Record<ImportKind, readonly (readonly string[])[]>> = {
  vehicles: [['customerRef', 'ownerPhone']],
  sales: [
    ['vin', 'vehicleRef'],
    ['customerRef', 'buyerPhone'],
  ],
  repair_orders: [['vin', 'vehicleRef']],
};

export type ImportField<K extends ImportKind = ImportKind> = (typeof importFields)[K][number]['field'];

/** field → column header of the uploaded file (unmapped fields are absent). */
export const importMapping = z.record(z.string().min(1).max(60), z.string().min(1).max(120));
export type ImportMapping = z.infer<typeof importMapping>;

/** The kinds with a sample DMS export to download (samples/dms, GET /imports/samples/:kind): every kind. */
export const importSampleKinds: readonly ImportKind[] = importKinds;
/** The sample workbook of three sheets (客户 / 车辆 / 工单, one run): GET /imports/samples/workbook. */
export const importWorkbookSample = 'workbook' as const;
/** What GET /imports/samples/:kind serves: a kind's sample, or the workbook. */
export type ImportSampleName = ImportKind | typeof importWorkbookSample;

/**
 * The order a workbook's sheets run in, by kind: a sheet finds what an earlier kind stored (a car its
 * owner, an order its car, a line its order). A kind not listed runs last; sheets of one kind run in the
 * workbook's order.
 */
export const importKindOrder: readonly string[] = [
  'customers',
  'vehicles',
  'sales',
  'repair_orders',
  'repair_order_lines',
];

/**
 * A sheet's part in the run: `pending` until the run reaches it (and before the mapping is chosen);
 * `left_out` when the user chose 不导入 (or it has no header row); then `running`, `done` or `failed`;
 * `undone` once the run it was done in is undone.
 */
export const importSheetStatuses = ['pending', 'left_out', 'running', 'done', 'failed', 'undone'] as const;
export type ImportSheetStatus = (typeof importSheetStatuses)[number];

/** One sheet of an uploaded workbook (a CSV is a workbook of one sheet), its choice and its progress. */
export const importSheet = z.object({
  /** The sheet's position among the workbook's tabs (0 = the first). */
  index: z.number().int(),
  name: z.string(),
  /** The kind chosen for the sheet (before the mapping step: the one suggested); null: not imported. */
  kind: z.enum(importKinds).nullable(),
  /** The kind its headers suggest: the one whose required fields the suggested mapping covers best. */
  suggestedKind: z.enum(importKinds).nullable(),
  headers: z.array(z.string()),
  sampleRows: z.array(z.array(z.string())),
  /** The chosen mapping, or the suggestion for `kind` before the run. */
  mapping: importMapping,
  /**
   * The mapping suggested for each kind the sheet could be (the tenant's saved mapping, then known DMS
   * header names): what the mapping screen starts from when the user picks another kind.
   */
  suggestions: z.partialRecord(z.enum(importKinds), importMapping),
  status: z.enum(importSheetStatuses),
  rowsTotal: z.number().int().nullable(),
  rowsDone: z.number().int(),
  rowsFailed: z.number().int(),
  counts: z.record(z.string(), z.number().int()),
});
export type ImportSheet = z.infer<typeof importSheet>;

export const importJob = z.object({
  id: uuid,
  kind: z.enum(importKinds),
  status: z.enum(importStatuses),
  fileName: z.string(),
  fileBytes: z.number().int(),
  headers: z.array(z.string()),
  /** The first rows as text, for the mapping screen. */
  sampleRows: z.array(z.array(z.string())),
  /** The chosen mapping, or the suggestion (saved mapping, then known DMS header names) before the run. */
  mapping: importMapping,
  rowsTotal: z.number().int().nullable(),
  rowsDone: z.number().int(),
  rowsFailed: z.number().int(),
  counts: z.record(z.string(), z.number().int()),
  failure: z.string().nullable(),
  /** Reported problems by message for every row (the error list keeps only the first 10,000 lines). */
  errorCounts: z.record(z.string(), z.number().int()),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /**
   * Every sheet of the file, in the workbook's order. `kind`, `headers`, `sampleRows` and `mapping` above
   * are the first chosen sheet's; `rowsTotal`, `rowsDone`, `rowsFailed` and `counts` the whole run's
   * (for a one-sheet file both are that sheet's).
   */
  sheets: z.array(importSheet),
});
export type ImportJob = z.infer<typeof importJob>;

/** Upload: multipart/form-data with a `kind` field and a `file` (.csv UTF-8/GBK or .xlsx), at most 100 MB. */
export const importUploadLimitBytes = 100 * 1024 * 1024;

/** One sheet's choice: its kind and mapping, or `kind: null` to leave it out (不导入). */
export const importSheetChoice = z.strictObject({
  index: z.number().int().min(0).max(255),
  kind: z.enum(importKinds).nullable(),
  mapping: importMapping.optional(),
});
export type ImportSheetChoice = z.infer<typeof importSheetChoice>;

/**
 * The mapping step: `{ mapping }` maps the first sheet with its kind (a one-sheet file, as before; the
 * other sheets of a workbook are left out), or `{ sheets }` chooses each sheet's kind and mapping (a
 * sheet not listed is left out).
 */
export const importMappingBody = z
  .strictObject({ mapping: importMapping.optional(), sheets: z.array(importSheetChoice).min(1).max(256).optional() })
  .refine((b) => (b.mapping === undefined) !== (b.sheets === undefined), {
    message: 'import_mapping_or_sheets',
    path: ['sheets'],
  });
export type ImportMappingBody = z.infer<typeof importMappingBody>;

/**
 * The preview's body: one sheet's mapping (and kind), by the sheet's index — by default the import's own
 * sheet and kind (a one-sheet file, as before workbooks).
 */
export const importPreviewBody = z.strictObject({
  mapping: importMapping,
  sheet: z.number().int().min(0).max(255).optional(),
  kind: z.enum(importKinds).optional(),
});
export type ImportPreviewBody = z.infer<typeof importPreviewBody>;

export const importError = z.object({
  /** The sheet's index (ImportSheet.index); its name is in the job's `sheets`. */
  sheet: z.number().int(),
  rowNo: z.number().int(),
  column: z.string().nullable(),
  value: z.string().nullable(),
  message: z.string(),
});
export type ImportErrorRow = z.infer<typeof importError>;

export const importErrorsQuery = z.strictObject({
  /** One sheet's errors only (its index). */
  sheet: z.coerce.number().int().min(0).max(255).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export const importErrorList = z.object({ items: z.array(importError), total: z.number().int() });

export const importKindParams = z.strictObject({ kind: z.enum(importKinds) });

/** The customer export's query: the same search as the customer list (without one: everyone, capped). */
export const customerExportQuery = z.strictObject({ q: z.string().trim().max(40).optional() });

/**
 * The preview of a file before its run: its first 50 data rows applied by the real import in a transaction
 * that is rolled back — the records that would be created or filled in, and the rows refused with why.
 */
export const importPreviewRecord = z.object({
  /** customers, customer_phones, vehicles, vehicle_ownerships, mileage_readings, repair_orders, … */
  table: z.string(),
  action: z.enum(['created', 'filled']),
  /** The record as it would be stored (for a fill: the fields filled in). */
  values: z.record(z.string(), z.unknown()),
  /** For a fill: those fields before. */
  before: z.record(z.string(), z.unknown()).optional(),
});
export type ImportPreviewRecord = z.infer<typeof importPreviewRecord>;
export const importPreview = z.object({
  /** Data rows tried (at most 50). */
  rows: z.number().int(),
  rowsFailed: z.number().int(),
  counts: z.record(z.string(), z.number().int()),
  records: z.array(importPreviewRecord),
  /** Refusals and warnings of those rows, with their messages. */
  issues: z.array(importError),
});
export type ImportPreview = z.infer<typeof importPreview>;

/** A record that keeps a run from being undone (409 details.blockers). */
export const importUndoBlocker = z.object({
  table: z.string(),
  label: z.string().nullable(),
  reason: z.enum(['changed', 'gone', 'referenced']),
});
export type ImportUndoBlocker = z.infer<typeof importUndoBlocker>;
