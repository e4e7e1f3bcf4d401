import { tenantSlug } from '@m4s/contracts';
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import { operatorAudit } from '../../modules/operator/operator-audit.ts';
import { findTenant } from '../../modules/operator/tenants-admin.service.ts';
import { tenantToday } from '../../platform/time/tenant-zone.ts';
import { runNightly } from '../../nightly.ts';
import { parse, required, validate } from '../args.ts';
import type { Command } from '../io.ts';
import type { Runtime } from '../runtime.ts';

/**
 * Runs the tenant's nightly steps (src/nightly.ts, in their order) for one local day now. A step already
 * recorded for that day is skipped unless --force; each is idempotent for its day, so a forced re-run
 * creates nothing twice. The messages it queues are sent by the server's job runner.
 */
export const nightly: Command = (argv, io) => {
  const name = 'nightly';
  const { values } = parse(name, argv, {
    tenant: { type: 'string' },
    date: { type: 'string' },
    force: { type: 'boolean' },
  });
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
    const day = input.date ?? (await runner.inTenant(tenant.id, (ctx) => tenantToday(ctx)));
    const run = await runNightly({ runner, log: rt.log }, tenant.id, day, { force: values.force === true });
    await rt.asOperator((ctx) =>
      operatorAudit(ctx, {
        action: 'tenant.nightly_run',
        tenantId: tenant.id,
        target: { type: 'tenant', id: tenant.id },
        details: { day, ran: run.ran, skipped: run.skipped },
      }),
    );
    io.print(
      `nightly steps of ${tenant.slug} for ${day}: ran ${run.ran.join(', ') || 'none'}` +
        (run.skipped.length > 0 ? `; already done (use --force to run again): ${run.skipped.join(', ')}` : ''),
    );
  };
};
