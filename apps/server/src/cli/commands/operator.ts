import { operatorLogin, passwordSchema } from '@m4s/contracts';
import { z } from 'zod';
import { createOperator, resetOperatorPassword } from '../../modules/operator/operator-auth.service.ts';
import { generatedPassword } from '../../modules/operator/tenants-admin.service.ts';
import { parse, required, validate } from '../args.ts';
import type { Command } from '../io.ts';

const input = z.object({
  login: operatorLogin,
  name: z.string().trim().min(1).max(40),
  password: passwordSchema.optional(),
});

export const operatorCreate: Command = (argv, io) => {
  const name = 'operator create';
  const { values } = parse(name, argv, {
    login: { type: 'string' },
    name: { type: 'string' },
    password: { type: 'string' },
  });
  const body = validate(
    name,
    input,
    { login: required(name, values, 'login'), name: required(name, values, 'name'), password: values.password },
    io.locale,
  );
  return async (rt) => {
    const password = body.password ?? generatedPassword();
    const row = await rt.asOperator((ctx) => createOperator(ctx, { login: body.login, name: body.name, password }));
    io.print(`operator ${row.login} created (${row.id})`);
    if (!body.password) io.print(`initial password (shown once): ${password}`);
  };
};

export const operatorPasswordReset: Command = (argv, io) => {
  const name = 'operator password-reset';
  const { values } = parse(name, argv, { login: { type: 'string' }, password: { type: 'string' } });
  const body = validate(
    name,
    input.pick({ login: true, password: true }),
    { login: required(name, values, 'login'), password: values.password },
    io.locale,
  );
  return async (rt) => {
    const password = body.password ?? generatedPassword();
    const row = await rt.asOperator((ctx) => resetOperatorPassword(ctx, body.login, password));
    io.print(`password of operator ${row.login} reset; its sessions ended`);
    if (!body.password) io.print(`new password (shown once): ${password}`);
  };
};
