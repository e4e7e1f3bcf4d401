import type { importUndoZhCN } from './import-undo-zh-cn.ts';

export const importUndoEn: Record<keyof typeof importUndoZhCN, string> = {
  'action.customer.import_undone': 'Undid a data import',

  'imports.status.undone': 'Undone',
  'importUndo.button': 'Undo this import',
  'importUndo.confirmTitle': 'Undo this import?',
  'importUndo.confirmBody':
    'The customers, cars, orders and other records this import created are deleted, and the fields it filled in are restored. Records changed since the import block the undo.',
  'importUndo.confirm': 'Undo',
  'importUndo.cancel': 'Cancel',
  'importUndo.done': 'The import was undone',
  'importUndo.undone': 'This import was undone',
  'importUndo.blockedTitle': 'These records were changed or referred to since the import; it cannot be undone:',
  'importUndo.blockedMore': '{n} more records',
  'importUndo.reason.changed': 'changed',
  'importUndo.reason.gone': 'deleted',
  'importUndo.reason.referenced': 'referred to by another record',

  'importPreview.button': 'Preview the first 50 rows',
  'importPreview.title': 'Preview (first {rows} rows, not saved)',
  'importPreview.hint': 'What the import would store with this mapping. The preview writes nothing.',
  'importPreview.created': 'New',
  'importPreview.filled': 'Filled in',
  'importPreview.refused': 'Rows refused',
  'importPreview.warnings': 'Notes',
  'importPreview.none': 'These rows create or fill in nothing (they are all there already).',
  'importPreview.rowsFailed': '{n} rows would be refused',
  'importPreview.row': 'Row {n}',

  'importErrors.moreOfKind': '{n} more rows with the same problem',
  'importErrors.summary': 'Problems by kind (every row)',

  'importUndo.table.customers': 'Customer',
  'importUndo.table.customer_phones': 'Phone',
  'importUndo.table.vehicles': 'Car',
  'importUndo.table.vehicle_ownerships': 'Ownership',
  'importUndo.table.mileage_readings': 'Mileage reading',
  'importUndo.table.sales_orders': 'Sales order',
  'importUndo.table.repair_orders': 'Repair order',
  'importUndo.table.repair_order_lines': 'Repair order line',
};
