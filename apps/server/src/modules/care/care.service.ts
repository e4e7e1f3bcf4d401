import type {
  CareDryRun,
  CareRule,
  CareRuleInput,
  CareRuleKey,
  CareTemplate,
  CareTemplateInput,
  CareTemplateKey,
  TouchChannel,
} from '@m4s/contracts';
import { careRuleKeys, careTemplateKeys, touchChannels } from '@m4s/contracts';
import { z } from 'zod';
import type { Ctx, StaffCtx } from '../../platform/context.ts';
import { col, maybeRow, parseRows } from '../../platform/db/rows.ts';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/permissions.ts';
import { AppError } from '../../platform/errors.ts';
import { getCustomerRow } from '../customers/customers.service.ts';
import { maskPhone } from '../customers/customers.mask.ts';
import { tenantToday } from '../../platform/time/tenant-zone.ts';
import { loadRules, saveRule } from './rules.service.ts';
import { sweep } from './sweep.ts';
import { addDays } from '../../platform/time/zone.ts';
import { loadTemplates, resolved, saveTemplate, type TemplateText } from './templates.ts';
import { renderJoins, templateVariables, tsRender, variableNames } from './variables.ts';

export const listTemplates = async (ctx: StaffCtx): Promise<{ items: CareTemplate[]; variables: string[] }> => {
  authorize(ctx.actor, 'care.manage');
  return { items: [...(await loadTemplates(ctx)).values()], variables: variableNames };
};

export const putTemplate = async (
  ctx: StaffCtx,
  key: CareTemplateKey,
  channel: TouchChannel,
  input: CareTemplateInput,
) => {
  authorize(ctx.actor, 'care.manage');
  const saved = await saveTemplate(ctx, key, channel, input);
  await audit(ctx, {
    action: 'care.template.update',
    target: { type: 'message_template', id: `${key}/${channel}` },
    details: { version: saved.version },
  });
  return saved;
};

/** Every template variable as text (null when the customer has no such value). */
const variablesRow = z.object(Object.fromEntries(variableNames.map((name) => [name, col.textOrNull])));

/**
 * Every variable's value for one customer (their latest car), read with the same SQL expressions the
 * sweep renders with. The anchor date is the given day.
 */
export const variableValues = async (
  ctx: Ctx,
  customerId: string,
  anchorOn: string,
  vehicleId?: string | null,
  who: { storeId: string | null; assigneeId: string | null } = { storeId: null, assigneeId: null },
): Promise<Record<string, string>> => {
  const columns = variableNames.map((name) => `(${templateVariables[name]})::text AS "${name}"`).join(', ');
  const result = await ctx.sql.executeSql(
    `SELECT ${columns}
       FROM (SELECT $2::uuid AS customer_id, $5::uuid AS store_id, $6::uuid AS assignee_id, $3::date AS anchor_on,
                    now() AS due_at, NULL::text AS items,
                    coalesce($4::uuid, (SELECT id FROM vehicles WHERE tenant_id = $1 AND owner_id = $2
                                         ORDER BY created_at DESC LIMIT 1)) AS vehicle_id) x ${renderJoins}`,
    [ctx.tenantId, customerId, anchorOn, vehicleId ?? null, who.storeId, who.assigneeId],
  );
  const row = maybeRow(variablesRow, result, 'template variables');
  return Object.fromEntries(variableNames.map((name) => [name, row?.[name] ?? '']));
};

export const renderFor = async (
  ctx: Ctx,
  key: CareTemplateKey,
  channel: TouchChannel,
  customerId: string,
  anchorOn: string,
  vehicleId?: string | null,
  who?: { storeId: string | null; assigneeId: string | null },
): Promise<TemplateText> => {
  const text = resolved(await loadTemplates(ctx), key, channel);
  const values = await variableValues(ctx, customerId, anchorOn, vehicleId, who);
  return { subject: text.subject === null ? null : tsRender(text.subject, values), body: tsRender(text.body, values) };
};

/** The template rendered for a real customer the staff member may read (customer.read scope). */
export const previewTemplate = async (
  ctx: StaffCtx,
  key: CareTemplateKey,
  channel: TouchChannel,
  customerId: string,
) => {
  authorize(ctx.actor, 'care.manage');
  await getCustomerRow(ctx, customerId);
  return renderFor(ctx, key, channel, customerId, await tenantToday(ctx));
};

/** Who the sweep of `day` (default tomorrow) would touch and why, and who it would suppress and why. */
export const dryRun = async (ctx: StaffCtx, day: string | undefined): Promise<CareDryRun> => {
  authorize(ctx.actor, 'care.manage');
  const on = day ?? addDays(await tenantToday(ctx), 1);
  const { outcomes } = await sweep(ctx, on, { dryRun: true });
  const ids = [...new Set(outcomes.map((o) => o.customerId))];
  const result = ids.length
    ? await ctx.sql.executeSql(
        `SELECT c.id, c.name, p.phone FROM customers c
           LEFT JOIN customer_phones p ON p.tenant_id = $1 AND p.customer_id = c.id AND p.is_primary
          WHERE c.tenant_id = $1 AND c.id = ANY($2::uuid[])`,
        [ctx.tenantId, ids],
      )
    : { rows: [] };
  const people = new Map(
    parseRows(z.object({ id: col.text, name: col.text, phone: col.textOrNull }), result, 'dry run people').map((r) => [
      r.id,
      r,
    ]),
  );
  const items = outcomes.map((o) => {
    const who = people.get(o.customerId);
    return {
      ...o,
      ruleKey: o.ruleKey && (careRuleKeys as readonly string[]).includes(o.ruleKey) ? o.ruleKey : null,
      customerName: who?.name ?? '',
      maskedPhone: who?.phone ? maskPhone(who.phone) : null,
    };
  });
  return { day: on, items };
};

// ── The API's entry points: rule keys and template slots as the URL names them (unknown ones are 404) ──

const ruleKey = (key: string): CareRuleKey => {
  if (!(careRuleKeys as readonly string[]).includes(key)) throw new AppError('NOT_FOUND');
  return key as CareRuleKey;
};
const templateSlot = (p: { key: string; channel: string }): [CareTemplateKey, TouchChannel] => {
  const known = (careTemplateKeys as readonly string[]).includes(p.key);
  if (!known || !(touchChannels as readonly string[]).includes(p.channel)) throw new AppError('NOT_FOUND');
  return [p.key as CareTemplateKey, p.channel as TouchChannel];
};

export const listRules = async (ctx: StaffCtx): Promise<{ items: CareRule[] }> => {
  authorize(ctx.actor, 'care.manage');
  return { items: await loadRules(ctx) };
};

export const saveRuleAt = (ctx: StaffCtx, key: string, input: CareRuleInput): Promise<CareRule> =>
  saveRule(ctx, ruleKey(key), input);

export const putTemplateAt = (ctx: StaffCtx, slot: { key: string; channel: string }, input: CareTemplateInput) =>
  putTemplate(ctx, ...templateSlot(slot), input);

/** The preview needs a customer: a field error without one. */
export const previewTemplateAt = async (
  ctx: StaffCtx,
  slot: { key: string; channel: string },
  customerId: string | undefined,
) => {
  const [key, channel] = templateSlot(slot);
  if (!customerId) throw AppError.field('customerId', 'required');
  return previewTemplate(ctx, key, channel, customerId);
};
