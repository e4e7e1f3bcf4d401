import { tenantSlug } from '@m4s/contracts';
import { z } from 'zod';
import { systemCtx, type Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { operatorAudit } from '../../modules/operator/operator-audit.ts';
import { findTenant } from '../../modules/operator/tenants-admin.service.ts';
import { sweep } from '../../modules/care/sweep.ts';
import { classifyTenant } from '../../modules/segments/classify.ts';
import { tenantToday } from '../../modules/tenants/tenants.service.ts';
import { parse, required, validate } from '../args.ts';
import type { Command } from '../io.ts';
import type { Runtime } from '../runtime.ts';

type InTenant = <T>(fn: (ctx: Ctx) => Promise<T>) => Promise<T>;

/**
 * The tenant's nightly steps for one day, each in a short transaction of its own (as the care.nightly job
 * runs them): classification as of the day, then the care sweep.
 * LEAD (issue 10 point 4): when the nightly-steps registry is merged, make this body its `runNightly`
 * for the tenant and day — the one place the CLI runs a night.
 */
export const runTenantNight = async (inTenant: InTenant, day: string) => {
  const classified = await inTenant((ctx) => classifyTenant(ctx, day, 'due'));
  const swept = await inTenant((ctx) => sweep(ctx, day, { dryRun: false }));
  return { classified, staged: swept.staged, touches: swept.outcomes.length };
};

export const nightly: Command = (argv, io) => {
  const name = 'nightly';
  const { values } = parse(name, argv, { tenant: { type: 'string' }, date: { type: 'string' } });
  const input = validate(
    name,
    z.object({ tenant: tenantSlug, date: z.iso.date({ message: 'date' }).optional() }),
    { tenant: required(name, values, 'tenant'), date: values.date },
    io.locale,
  );
  return async (rt: Runtime) => {
    const tenant = await rt.asOperator((ctx) => findTenant(ctx, input.tenant));
    if (tenant.status === 'suspended') throw new AppError('TENANT_SUSPENDED');
    const runner = await rt.runner();
    const inTenant: InTenant = (fn) =>
      rt.db.transaction({ tenantId: tenant.id }, (tx) =>
        fn(
          systemCtx({
            tenantId: tenant.id,
            tx,
            jobs: runner.queueFor(tx.sql),
            clock: rt.clock,
            log: rt.log,
            requestId: `cli:nightly:${tenant.slug}`,
          }),
        ),
      );
    const day = input.date ?? (await inTenant((ctx) => tenantToday(ctx)));
    const result = await runTenantNight(inTenant, day);
    await rt.asOperator((ctx) =>
      operatorAudit(ctx, {
        action: 'tenant.nightly_run',
        tenantId: tenant.id,
        target: { type: 'tenant', id: tenant.id },
        details: { day, staged: result.staged, touches: result.touches },
      }),
    );
    io.print(
      `nightly steps of ${tenant.slug} for ${day}: classified ${JSON.stringify(result.classified)}; ` +
        `care sweep ${JSON.stringify(result.staged)}, ${result.touches} touches`,
    );
  };
};
