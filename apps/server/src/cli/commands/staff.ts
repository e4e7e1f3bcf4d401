import { mobilePhone, passwordSchema, roles, staffLogin, tenantSlug } from '@m4s/contracts';
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import { operatorAudit } from '../../modules/operator/operator-audit.ts';
import { findTenant, generatedPassword } from '../../modules/operator/tenants-admin.service.ts';
import { createStaffAsPlatform, resetPasswordAsPlatform } from '../../modules/staff/staff.service.ts';
import { storesAsPlatform } from '../../modules/stores/stores.service.ts';
import { parse, required, validate } from '../args.ts';
import type { Command } from '../io.ts';

const createInput = z.object({
  tenant: tenantSlug,
  login: staffLogin,
  name: z.string().trim().min(1).max(40),
  role: z.enum(roles),
  store: z.string().trim().min(1).max(16).optional(),
  phone: mobilePhone.optional(),
  password: passwordSchema.optional(),
});

export const staffCreate: Command = (argv, io) => {
  const name = 'staff create';
  const { values } = parse(name, argv, {
    tenant: { type: 'string' },
    login: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    store: { type: 'string' },
    phone: { type: 'string' },
    password: { type: 'string' },
  });
  const input = validate(
    name,
    createInput,
    {
      ...values,
      tenant: required(name, values, 'tenant'),
      login: required(name, values, 'login'),
      name: required(name, values, 'name'),
      role: required(name, values, 'role'),
    },
    io.locale,
  );
  return async (rt) => {
    const password = input.password ?? generatedPassword();
    const member = await rt.asOperator(async (ctx) => {
      const tenant = await findTenant(ctx, input.tenant);
      const created = await ctx.inTenant(tenant.id, async (tctx) => {
        const store = input.store ? (await storesAsPlatform(tctx)).find((s) => s.code === input.store) : null;
        if (input.store && !store) throw AppError.field('store', 'store_unknown');
        return createStaffAsPlatform(tctx, {
          login: input.login,
          name: input.name,
          phone: input.phone ?? null,
          role: input.role,
          storeId: store?.id ?? null,
          password,
        });
      });
      await operatorAudit(ctx, {
        action: 'staff.created',
        tenantId: tenant.id,
        target: { type: 'staff', id: created.id },
        details: { login: created.login, role: created.role },
      });
      return created;
    });
    io.print(`staff member ${member.login} (${member.role}) created in ${input.tenant} (${member.id})`);
    if (!input.password) io.print(`initial password (shown once): ${password}`);
  };
};

export const staffPasswordReset: Command = (argv, io) => {
  const name = 'staff password-reset';
  const { values } = parse(name, argv, {
    tenant: { type: 'string' },
    login: { type: 'string' },
    password: { type: 'string' },
  });
  const input = validate(
    name,
    z.object({ tenant: tenantSlug, login: z.string().trim().min(1).max(64), password: passwordSchema.optional() }),
    { tenant: required(name, values, 'tenant'), login: required(name, values, 'login'), password: values.password },
    io.locale,
  );
  return async (rt) => {
    const password = input.password ?? generatedPassword();
    const member = await rt.asOperator(async (ctx) => {
      const tenant = await findTenant(ctx, input.tenant);
      const reset = await ctx.inTenant(tenant.id, (tctx) => resetPasswordAsPlatform(tctx, input.login, password));
      await operatorAudit(ctx, {
        action: 'staff.password_reset',
        tenantId: tenant.id,
        target: { type: 'staff', id: reset.id },
        details: { login: reset.login },
      });
      return reset;
    });
    io.print(`password of ${member.login} in ${input.tenant} reset; the account is unlocked and signed out everywhere`);
    if (!input.password) io.print(`new password (shown once): ${password}`);
  };
};
