import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/permissions.ts';
import type { StaffCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { mergeParts } from '../../platform/personal-data.ts';
import { personalData } from '../../personal-data.ts';
import * as q from './customers.queries.ts';
import { customerMergedHook } from './customers.webhooks.ts';

const declared = personalData.flatMap((p) => p.tables);

/**
 * Every column that points at a customer, as the modules declare them (src/personal-data.ts). Merging moves
 * them all, so no repair order, car or call is lost; merge.test.ts reads the database's foreign keys and
 * fails when a table is missing.
 */
export const customerReferences = declared.filter((t) => t.merge === 'move').map((t) => [t.table, t.column] as const);

/** Rows computed from a customer (one per customer): the duplicate's are dropped, the next classification redoes them. */
export const customerDerived = declared.filter((t) => t.merge === 'drop').map((t) => [t.table, t.column] as const);

/** The fields a merge (or an import) may fill on a kept record: only where it has nothing yet. */
const fillable = [
  'gender',
  'birthday',
  'email',
  'occupation',
  'idNumber',
  'contactName',
  'contactTitle',
  'preferredSlot',
  'secondContact',
  'homeStoreId',
  'salesConsultantId',
  'serviceAdvisorId',
  'salesConsultantName',
  'serviceAdvisorName',
  'vipLevel',
  'memberLevel',
] as const;

/** What `incoming` adds to `kept` without overwriting anything staff already entered. */
export const blanksFilled = (kept: q.CustomerRow, incoming: Partial<q.CustomerRow>) => {
  const patch: Partial<q.CustomerRow> = {};
  for (const key of fillable) {
    const value = incoming[key];
    if ((kept[key] === null || kept[key] === '') && value !== null && value !== undefined && value !== '')
      Object.assign(patch, { [key]: value });
  }
  // A consultant / advisor kept as text (an imported name no staff member had) is there only without the id.
  for (const [id, text] of [
    ['salesConsultantId', 'salesConsultantName'],
    ['serviceAdvisorId', 'serviceAdvisorName'],
  ] as const) {
    if (kept[id]) delete patch[text];
    else if (patch[id]) patch[text] = null;
    if (patch[text] === null && !kept[text]) delete patch[text];
  }
  if (kept.addresses.length === 0 && incoming.addresses?.length) patch.addresses = incoming.addresses;
  const tags = [...new Set([...kept.tags, ...(incoming.tags ?? [])])];
  if (tags.length !== kept.tags.length) patch.tags = tags;
  if (incoming.notes && !kept.notes?.includes(incoming.notes))
    patch.notes = kept.notes ? `${kept.notes}\n${incoming.notes}` : incoming.notes;
  if (incoming.malicious && !kept.malicious) patch.malicious = true;
  return patch;
};

/**
 * Two records of one person (a DMS import before M4S, a walk-in registered twice): everything of
 * `fromId` moves to `intoId`, blank fields of the kept record are filled, and the duplicate is deleted.
 */
export const mergeCustomers = async (ctx: StaffCtx, intoId: string, fromId: string) => {
  authorize(ctx.actor, 'customer.import');
  // Both records locked (in id order, so two merges of the same pair cannot deadlock) before they are read:
  // a concurrent merge of the same duplicate then finds it gone instead of merging it a second time.
  await ctx.sql.executeSql('SELECT id FROM customers WHERE tenant_id = $1 AND id IN ($2, $3) ORDER BY id FOR UPDATE', [
    ctx.tenantId,
    intoId,
    fromId,
  ]);
  const into = await q.findCustomer(ctx.db, ctx.tenantId, intoId);
  if (!into) throw new AppError('NOT_FOUND');
  if (intoId === fromId) throw AppError.field('fromId', 'merge_same');
  const from = await q.findCustomer(ctx.db, ctx.tenantId, fromId);
  if (!from) throw AppError.field('fromId', 'customer_unknown');
  const now = ctx.clock.now();
  const moved = await mergeParts(ctx, personalData, { intoId, fromId });
  await q.updateCustomer(ctx.db, ctx.tenantId, intoId, blanksFilled(into, from), now);
  await q.deleteCustomer(ctx.db, ctx.tenantId, fromId);
  await audit(ctx, {
    action: 'customer.merged',
    target: { type: 'customer', id: intoId },
    // No name: audit entries outlive an erasure, so they carry ids, never personal data.
    details: { from: fromId, moved },
  });
  await customerMergedHook(ctx, intoId, fromId);
  return moved;
};
