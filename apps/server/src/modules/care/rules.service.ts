import { and, eq } from 'drizzle-orm';
import { careRuleKeys, roleGrants, type CareRule, type CareRuleInput, type CareRuleKey } from '@m4s/contracts';
import type { Ctx, StaffCtx } from '../../platform/context.ts';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/permissions.ts';
import { careRules } from '../../platform/db/schema/index.ts';
import { AppError } from '../../platform/errors.ts';
import { currentTiming, ruleDefaults, ruleIssues, sweptRule } from './rules.ts';

/** The tenant's rules: the defaults in code, each replaced whole by the tenant's row where there is one. */
export const loadRules = async (ctx: Ctx): Promise<CareRule[]> => {
  const rows = await ctx.db.select().from(careRules).where(eq(careRules.tenantId, ctx.tenantId));
  const locale = ctx.request.locale;
  return careRuleKeys.map((key) => {
    const spec = ruleDefaults[key];
    const row = rows.find((r) => r.ruleKey === key);
    return {
      key,
      enabled: row?.enabled ?? true,
      timing: currentTiming(key, row?.timing),
      channel: row?.channel ?? spec.channel,
      taskRole: row ? ((row.taskRole as CareRule['taskRole']) ?? null) : spec.taskRole,
      topic: spec.topic,
      kind: spec.kind,
      anchor: spec.anchor[locale],
      customized: Boolean(row),
      sweptHere: sweptRule(key),
      followUpCall: spec.followUpCall ?? false,
    };
  });
};

/** Whether the rule is switched on (the booking module's reminder asks before it sends). */
export const ruleEnabled = async (ctx: Ctx, key: CareRuleKey): Promise<boolean> =>
  (await loadRules(ctx)).find((r) => r.key === key)?.enabled ?? true;

export const saveRule = async (ctx: StaffCtx, key: CareRuleKey, input: CareRuleInput): Promise<CareRule> => {
  authorize(ctx.actor, 'care.manage');
  const issues = ruleIssues(key, input);
  if (input.taskRole && !roleGrants[input.taskRole].permissions.includes('care.tasks'))
    issues.push({ path: 'taskRole', key: 'care_role_no_tasks' });
  if (issues.length > 0)
    throw new AppError('VALIDATION_FAILED', undefined, {
      issues: issues.map((i) => ({ path: i.path, message: i.key })),
    });
  const values = {
    enabled: input.enabled,
    timing: input.timing,
    channel: input.channel,
    taskRole: input.taskRole,
    updatedBy: ctx.actor.id,
    updatedAt: ctx.clock.now(),
  };
  const updated = await ctx.db
    .update(careRules)
    .set(values)
    .where(and(eq(careRules.tenantId, ctx.tenantId), eq(careRules.ruleKey, key)))
    .returning({ id: careRules.id });
  if (updated.length === 0) await ctx.db.insert(careRules).values({ tenantId: ctx.tenantId, ruleKey: key, ...values });
  await audit(ctx, { action: 'care.rule.update', target: { type: 'care_rule', id: key }, details: { ...input } });
  const rule = (await loadRules(ctx)).find((r) => r.key === key);
  if (!rule) throw new Error(`rule ${key} vanished`);
  return rule;
};
