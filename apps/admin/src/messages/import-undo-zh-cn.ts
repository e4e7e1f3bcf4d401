/** The import's preview (before the run), its undo and the bounded error summary. */
export const importUndoZhCN = {
  'action.customer.import_undone': '撤销数据导入',

  'imports.status.undone': '已撤销',
  'importUndo.button': '撤销本次导入',
  'importUndo.confirmTitle': '撤销本次导入？',
  'importUndo.confirmBody':
    '本次导入新建的客户、车辆、工单等记录将被删除，补充填写的字段将恢复为导入前的内容。导入后已被修改的记录会阻止撤销。',
  'importUndo.confirm': '撤销',
  'importUndo.cancel': '取消',
  'importUndo.done': '已撤销本次导入',
  'importUndo.undone': '本次导入已撤销',
  'importUndo.blockedTitle': '以下记录在导入后已被修改或被引用，无法撤销：',
  'importUndo.blockedMore': '另有 {n} 条记录',
  'importUndo.reason.changed': '已修改',
  'importUndo.reason.gone': '已删除',
  'importUndo.reason.referenced': '已被其他记录引用',

  'importPreview.button': '预览前50行',
  'importPreview.title': '导入预览（前 {rows} 行，未保存）',
  'importPreview.hint': '以下是按当前字段对应导入后将保存的内容，预览不会写入任何数据。',
  'importPreview.created': '新建',
  'importPreview.filled': '补充',
  'importPreview.refused': '未导入的行',
  'importPreview.warnings': '提示',
  'importPreview.none': '这些行不会新建或补充任何记录（已全部存在）。',
  'importPreview.rowsFailed': '{n} 行将被拒绝',
  'importPreview.row': '第 {n} 行',

  'importErrors.moreOfKind': '另有 {n} 行同类问题',
  'importErrors.summary': '问题汇总（全部行）',

  'importUndo.table.customers': '客户',
  'importUndo.table.customer_phones': '手机号',
  'importUndo.table.vehicles': '车辆',
  'importUndo.table.vehicle_ownerships': '车辆归属',
  'importUndo.table.mileage_readings': '里程读数',
  'importUndo.table.sales_orders': '销售订单',
  'importUndo.table.repair_orders': '维修工单',
  'importUndo.table.repair_order_lines': '工单明细',
};
