import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { tenantActionBody, tenantCreateBody, tenantSlug, type TenantSummary } from '@m4s/contracts';
import { tenantExport } from '../../modules/operator/tenant-export.ts';
import * as tenants from '../../modules/operator/tenants-admin.service.ts';
import { parse, required, UsageError, validate } from '../args.ts';
import type { Command } from '../io.ts';

/** `CODE|名称|地址[|品牌]`: a first store on the command line (opening hours take the default). */
const storeSpec = (name: string, spec: string, brands: string[]) => {
  const [code, storeName, address, brand] = spec.split('|').map((p) => p.trim());
  if (!code || !storeName || !address)
    throw new UsageError(`--store "${spec}": expected "<CODE>|<name>|<address>[|<brand>]"`, name);
  return {
    code,
    name: storeName,
    address,
    brand: brand || brands[0] || null,
    province: null,
    city: null,
    phone: null,
  };
};

const readJson = async (name: string, path: string): Promise<unknown> => {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`--file ${path}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`, name);
  });
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new UsageError(`--file ${path}: not valid JSON`, name);
  }
};

const line = (t: TenantSummary) =>
  [t.slug.padEnd(20), t.status.padEnd(9), t.timezone.padEnd(16), t.name, `(${t.brands.join(', ')})`].join(' ');

export const tenantCreate: Command = (argv, io) => {
  const name = 'tenant create';
  const { values } = parse(name, argv, {
    file: { type: 'string' },
    slug: { type: 'string' },
    name: { type: 'string' },
    'short-name': { type: 'string' },
    timezone: { type: 'string' },
    brand: { type: 'string', multiple: true },
    store: { type: 'string', multiple: true },
    'admin-login': { type: 'string' },
    'admin-name': { type: 'string' },
    'admin-phone': { type: 'string' },
    'admin-password': { type: 'string' },
    json: { type: 'boolean' },
  });
  const fromFlags = () => {
    const brands = values.brand ?? [];
    return {
      slug: required(name, values, 'slug'),
      name: required(name, values, 'name'),
      ...(values['short-name'] ? { shortName: values['short-name'] } : {}),
      ...(values.timezone ? { timezone: values.timezone } : {}),
      brands,
      stores: (values.store ?? []).map((s) => storeSpec(name, s, brands)),
      admin: {
        login: required(name, values, 'admin-login'),
        name: required(name, values, 'admin-name'),
        phone: values['admin-phone'] ?? null,
        ...(values['admin-password'] ? { password: values['admin-password'] } : {}),
      },
    };
  };
  return async (rt) => {
    const raw = values.file ? await readJson(name, values.file) : fromFlags();
    const body = validate(name, tenantCreateBody, raw, io.locale);
    const created = await rt.asOperator((ctx) => tenants.provisionTenant(ctx, body));
    if (values.json) return io.print(JSON.stringify(created, null, 2));
    io.print(`dealer group ${created.tenant.slug} created (${created.tenant.id})`);
    io.print(`group admin: ${created.admin.login}`);
    if (created.admin.initialPassword) io.print(`initial password (shown once): ${created.admin.initialPassword}`);
  };
};

export const tenantList: Command = (argv, io) => {
  const { values } = parse('tenant list', argv, { json: { type: 'boolean' } });
  return async (rt) => {
    const { items } = await rt.asOperator((ctx) => tenants.listTenants(ctx));
    if (values.json) return io.print(JSON.stringify(items, null, 2));
    if (items.length === 0) return io.print('no dealer groups yet (m4s tenant create --help)');
    for (const t of items) io.print(line(t));
  };
};

const slugArg = (name: string, positionals: string[], locale: Parameters<typeof validate>[3]) => {
  const [slug] = positionals;
  if (!slug) throw new UsageError('which dealer group? give its slug', name);
  return validate(name, tenantSlug, slug, locale);
};

const statusChange =
  (name: string, change: typeof tenants.suspendTenant): Command =>
  (argv, io) => {
    const { values, positionals } = parse(name, argv, { reason: { type: 'string' } }, 1);
    const slug = slugArg(name, positionals, io.locale);
    const body = validate(name, tenantActionBody, values.reason ? { reason: values.reason } : {}, io.locale);
    return async (rt) => {
      const after = await rt.asOperator(async (ctx) => change(ctx, (await tenants.findTenant(ctx, slug)).id, body));
      io.print(line(after));
    };
  };

export const tenantSuspend = statusChange('tenant suspend', tenants.suspendTenant);
export const tenantResume = statusChange('tenant resume', tenants.resumeTenant);

export const tenantExportCommand: Command = (argv, io) => {
  const name = 'tenant export';
  const { values, positionals } = parse(name, argv, { out: { type: 'string' } }, 1);
  const slug = slugArg(name, positionals, io.locale);
  return async (rt) => {
    // The audit entry commits first; the rows follow in short transactions of their own.
    const { ctx, tenant } = await rt.asOperator(async (c) => ({ ctx: c, ...(await tenants.startExport(c, slug)) }));
    const target = values.out ? createWriteStream(values.out) : io.stdout;
    await pipeline(Readable.from(tenantExport(ctx, tenant.id)), target, { end: Boolean(values.out) });
    if (values.out) io.print(`dealer group ${tenant.slug} exported to ${values.out}`);
  };
};
