/**
 * Whether a repair order (the alias `r`) did maintenance work: a line of the maintenance kind
 * (repair_order_lines.work, classified by app_work_kind unless given), or, for an order recorded without
 * lines (a DMS header), its maintenance type. The one rule of the forecast's basis (segments/vehicle-sql.ts),
 * the owner's forecast (garage) and the maintenance chase (care); docs/segments.md. `tenant` is the
 * statement's tenant (a parameter or literal): the lines are pinned to it too, so Citus routes to one shard.
 */
export const maintenanceWork = (r: string, tenant: string) => `(EXISTS (SELECT 1 FROM repair_order_lines mw
          WHERE mw.tenant_id = ${tenant} AND mw.tenant_id = ${r}.tenant_id AND mw.repair_order_id = ${r}.id AND mw.work = 'maintenance')
       OR (${r}.type = 'maintenance' AND NOT EXISTS (SELECT 1 FROM repair_order_lines mw
          WHERE mw.tenant_id = ${tenant} AND mw.tenant_id = ${r}.tenant_id AND mw.repair_order_id = ${r}.id)))`;
