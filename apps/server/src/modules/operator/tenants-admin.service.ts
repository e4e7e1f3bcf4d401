import { randomBytes } from 'node:crypto';
import type { TenantActionBody, TenantCreated, TenantCreateInput, TenantSummary } from '@m4s/contracts';
import { audit } from '../../platform/audit.ts';
import { revokeTenantSessions } from '../../platform/auth/sessions.ts';
import type { OperatorCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { createStaffAsPlatform } from '../staff/staff.service.ts';
import { openStoreAsPlatform } from '../stores/stores.service.ts';
import { installTemplates } from '../surveys/surveys.service.ts';
import { installShippedArticles } from '../content/knowledge.service.ts';
import { operatorAudit } from './operator-audit.ts';
import * as q from './operator.queries.ts';

/** A first password that is shown once: 16 characters, about 96 bits. */
export const generatedPassword = (): string => randomBytes(12).toString('base64url');

const byName = (ctx: OperatorCtx) =>
  ctx.actor.kind === 'operator'
    ? `operator:${ctx.actor.login}`
    : ctx.actor.kind === 'cli'
      ? `cli:${ctx.actor.name}`
      : '';

/** The zone must be one PostgreSQL knows too: every local day and hour is computed in the database as well. */
const assertZoneKnown = async (ctx: OperatorCtx, zone: string) => {
  const { rows } = await ctx.sql.executeSql('SELECT 1 FROM pg_timezone_names WHERE name = $1', [zone]);
  if (rows.length === 0) throw AppError.field('timezone', 'time_zone');
};

/**
 * Onboards a dealer group in one transaction: the tenant's row (as the operator's role), then inside the
 * new tenant its first stores and its first group admin (as the application role, like any request). Any
 * refusal rolls all of it back. A password left out is generated and answered this once.
 */
export const provisionTenant = async (ctx: OperatorCtx, input: TenantCreateInput): Promise<TenantCreated> => {
  if (await q.slugTaken(ctx.db, input.slug))
    throw new AppError('SLUG_TAKEN', undefined, { issues: [{ path: 'slug', message: 'slug_taken' }] });
  await assertZoneKnown(ctx, input.timezone);
  const now = ctx.clock.now();
  const tenant = await q.insertTenant(ctx.db, {
    slug: input.slug,
    name: input.name,
    shortName: input.shortName ?? input.name.slice(0, 12),
    timezone: input.timezone,
    brands: input.brands,
    ...(input.primaryColor ? { primaryColor: input.primaryColor } : {}),
    ...(input.accentColor ? { accentColor: input.accentColor } : {}),
    dealerHotline: input.dealerHotline ?? null,
    oemHotline: input.oemHotline ?? null,
    createdAt: now,
    updatedAt: now,
  });
  const initialPassword = input.admin.password ? null : generatedPassword();
  const admin = await ctx.inTenant(tenant.id, async (tctx) => {
    const stores = [];
    for (const store of input.stores) stores.push(await openStoreAsPlatform(tctx, store));
    const member = await createStaffAsPlatform(tctx, {
      login: input.admin.login,
      name: input.admin.name,
      phone: input.admin.phone,
      role: 'group_admin',
      storeId: null,
      password: input.admin.password ?? initialPassword ?? '',
    });
    // The textbook's questionnaires (docs/surveys.md), published, so the first day's follow-ups have them.
    await installTemplates(tctx);
    // The shipped 用车知识 articles (docs/feed.md).
    await installShippedArticles(tctx);
    await audit(tctx, {
      action: 'tenant.provisioned',
      target: { type: 'tenant', id: tenant.id },
      details: { by: byName(ctx), stores: stores.map((s) => s.code), admin: member.login },
    });
    return member;
  });
  await operatorAudit(ctx, {
    action: 'tenant.created',
    tenantId: tenant.id,
    target: { type: 'tenant', id: tenant.id },
    details: {
      slug: tenant.slug,
      timezone: tenant.timezone,
      brands: tenant.brands,
      stores: input.stores.map((s) => s.code),
      admin: admin.login,
      passwordGenerated: initialPassword !== null,
    },
  });
  return { tenant, admin: { id: admin.id, login: admin.login, initialPassword } };
};

export const listTenants = async (ctx: OperatorCtx): Promise<{ items: TenantSummary[] }> => {
  const items = await q.listTenants(ctx.db);
  await operatorAudit(ctx, { action: 'tenant.listed', details: { count: items.length } });
  return { items };
};

/** A tenant by id or slug (the CLI takes either). */
export const findTenant = async (ctx: OperatorCtx, idOrSlug: string): Promise<TenantSummary> => {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrSlug);
  const tenant = await q.findTenant(ctx.db, uuid ? { id: idOrSlug.toLowerCase() } : { slug: idOrSlug });
  if (!tenant) throw new AppError('TENANT_NOT_FOUND');
  return tenant;
};

/**
 * Suspends a dealer group: its staff and owners are signed out at once (every session revoked, so the
 * per-request path needs no status check), its slug refuses sign-in (TENANT_SUSPENDED), and its jobs
 * skip it (the nightly care run, sends) until it is resumed.
 */
export const suspendTenant = async (ctx: OperatorCtx, id: string, body: TenantActionBody): Promise<TenantSummary> => {
  const now = ctx.clock.now();
  const tenant = await q.setTenantStatus(ctx.db, id, { from: 'active', to: 'suspended', now });
  if (!tenant) {
    await findTenant(ctx, id);
    throw new AppError('CONFLICT', undefined, { issues: [{ path: 'status', message: 'tenant_already_suspended' }] });
  }
  const revoked = await ctx.inTenant(id, async (tctx) => {
    const n = await revokeTenantSessions(tctx.db, id, now);
    await audit(tctx, {
      action: 'tenant.suspended',
      target: { type: 'tenant', id },
      details: { by: byName(ctx), reason: body.reason ?? null, sessionsRevoked: n },
    });
    return n;
  });
  await operatorAudit(ctx, {
    action: 'tenant.suspended',
    tenantId: id,
    target: { type: 'tenant', id },
    details: { slug: tenant.slug, reason: body.reason ?? null, sessionsRevoked: revoked },
  });
  return tenant;
};

export const resumeTenant = async (ctx: OperatorCtx, id: string, body: TenantActionBody): Promise<TenantSummary> => {
  const now = ctx.clock.now();
  const tenant = await q.setTenantStatus(ctx.db, id, { from: 'suspended', to: 'active', now });
  if (!tenant) {
    await findTenant(ctx, id);
    throw new AppError('CONFLICT', undefined, { issues: [{ path: 'status', message: 'tenant_not_suspended' }] });
  }
  await ctx.inTenant(id, (tctx) =>
    audit(tctx, {
      action: 'tenant.resumed',
      target: { type: 'tenant', id },
      details: { by: byName(ctx), reason: body.reason ?? null },
    }),
  );
  await operatorAudit(ctx, {
    action: 'tenant.resumed',
    tenantId: id,
    target: { type: 'tenant', id },
    details: { slug: tenant.slug, reason: body.reason ?? null },
  });
  return tenant;
};

/** Records the export (in the operator's transaction) and names its file; the rows are streamed after. */
export const startExport = async (ctx: OperatorCtx, id: string) => {
  const tenant = await findTenant(ctx, id);
  await operatorAudit(ctx, {
    action: 'tenant.exported',
    tenantId: tenant.id,
    target: { type: 'tenant', id: tenant.id },
    details: { slug: tenant.slug },
  });
  const day = ctx.clock.now().toISOString().slice(0, 10);
  return { tenant, fileName: `m4s-${tenant.slug}-${day}.json` };
};
