import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { staff } from '../../platform/db/schema/index.ts';

/** A name as files write it: case, spaces and dots do not matter. */
export const staffKey = (s: string) => s.toLowerCase().replace(/[\s·.\-_]/g, '');
const key = staffKey;

export type StaffWarning = 'import_staff_unknown' | 'import_staff_ambiguous';

/**
 * `{ id }`: the person. `{ warning }`: no one person has the name — the report's one line for it.
 * `{ id: null }`: a name already reported in this run (staff-names are matched once per name and run:
 * the row stores no one, and the report does not say it again).
 */
export type StaffMatch = { id: string } | { id: null } | { warning: StaffWarning };

/**
 * Staff named in a file (销售顾问, 服务顾问, 技师): a login anywhere in the tenant; a name within the row's
 * store first, then in the whole tenant when only one person has it. Nothing found: a warning, and the name
 * is kept as text on the record (customers.sales_consultant_name / service_advisor_name,
 * repair_orders.advisor_name, sales_orders.consultant_name, repair_orders.technician; migration 0036).
 */
export type StaffNames = (name: string, storeId: string | null) => StaffMatch;

/** Matches a name against the tenant's active staff (every call answers alike). */
export const loadStaffNames = async (ctx: Ctx): Promise<StaffNames> => {
  const rows = await ctx.db
    .select({ id: staff.id, login: staff.login, name: staff.name, storeId: staff.storeId })
    .from(staff)
    .where(and(eq(staff.tenantId, ctx.tenantId), eq(staff.status, 'active')));
  const byLogin = new Map<string, string[]>();
  const byName = new Map<string, typeof rows>();
  for (const r of rows) {
    byLogin.set(key(r.login), [...(byLogin.get(key(r.login)) ?? []), r.id]);
    byName.set(key(r.name), [...(byName.get(key(r.name)) ?? []), r]);
  }
  return (name, storeId) => {
    const k = key(name);
    const login = byLogin.get(k);
    if (login?.length === 1 && login[0]) return { id: login[0] };
    const all = byName.get(k) ?? [];
    const inStore = storeId ? all.filter((s) => s.storeId === storeId) : [];
    const hits = inStore.length > 0 ? inStore : all;
    if (hits.length === 0) return { warning: 'import_staff_unknown' };
    return hits.length === 1 && hits[0] ? { id: hits[0].id } : { warning: 'import_staff_ambiguous' };
  };
};

/**
 * Each name no one person has is reported once per run (like the catalogue values that match nothing,
 * unlisted.ts): its first row gets the warning, the other rows naming it store no one and say nothing.
 * Every row naming it keeps the name as text (`staffText`), the first and the others alike.
 */
export const reportedOnce = (names: StaffNames, reported = new Set<string>()): StaffNames => {
  return (name, storeId) => {
    const found = names(name, storeId);
    if (!('warning' in found)) return found;
    const seen = `${found.warning}\u0001${key(name)}`;
    if (reported.has(seen)) return { id: null };
    reported.add(seen);
    return found;
  };
};

/**
 * Loaded once per run of a kind, in its first batch. `reported`: the names reported so far in the whole
 * import (one set per run), so that the sheets of one workbook report each unknown name once between them.
 */
export const runStaffNames = (reported: Set<string>) => {
  let names: StaffNames | null = null;
  return async (ctx: Ctx) => (names ??= reportedOnce(await loadStaffNames(ctx), reported));
};

/** The id a match gives (null: no one person has the name), and the name kept as text when there is none. */
export const staffText = (name: string | null, found: StaffMatch | null) => {
  const id = found && 'id' in found ? found.id : null;
  return { id, text: name && !id ? name : null };
};
