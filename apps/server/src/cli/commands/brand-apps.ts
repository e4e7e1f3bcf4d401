import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { tenantSlug, type TenantSummary } from '@m4s/contracts';
import { z } from 'zod';
import { findTenant } from '../../modules/operator/tenants-admin.service.ts';
import * as operatorQueries from '../../modules/operator/operator.queries.ts';
import { brandInput } from '../../modules/tenants/owner-brand.service.ts';
import { buildBrandAssets } from '../../platform/web/brand/assets.ts';
import { sha256 } from '../../platform/web/brand/input.ts';
import { parse, validate } from '../args.ts';
import type { Command } from '../io.ts';

/** What a tenant's directory held at its last build: each file's SHA-256. */
const buildRecord = 'build.json';
type BuildRecord = { slug: string; files: Record<string, string> };

export type TenantReport = {
  slug: string;
  outcome: 'new' | 'changed' | 'unchanged';
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: number;
};

const previousBuild = async (dir: string): Promise<Record<string, string> | null> => {
  const text = await readFile(join(dir, buildRecord), 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    return (JSON.parse(text) as BuildRecord).files;
  } catch {
    return null;
  }
};

/** Builds one tenant's assets into `<out>/<slug>/`, writing only what changed, and says what did. */
const buildTenant = async (
  rt: Parameters<ReturnType<Command>>[0],
  tenant: TenantSummary,
  out: string,
): Promise<TenantReport> => {
  const input = await rt.asOperator((ctx) => ctx.inTenant(tenant.id, (t) => brandInput(t, rt.config.PUBLIC_URL)));
  const assets = await buildBrandAssets(input);
  const dir = join(out, tenant.slug);
  await mkdir(dir, { recursive: true });
  const before = await previousBuild(dir);
  const files: Record<string, string> = {};
  const report: TenantReport = {
    slug: tenant.slug,
    outcome: 'unchanged',
    added: [],
    changed: [],
    removed: [],
    unchanged: 0,
  };
  for (const [name, asset] of assets) {
    const hash = sha256(asset.bytes);
    files[name] = hash;
    const was = before?.[name];
    if (was === hash) {
      report.unchanged += 1;
      continue;
    }
    (was === undefined ? report.added : report.changed).push(name);
    await writeFile(join(dir, name), asset.bytes);
  }
  for (const name of Object.keys(before ?? {}).filter((n) => !(n in files))) {
    report.removed.push(name);
    await rm(join(dir, name), { force: true });
  }
  await writeFile(
    join(dir, buildRecord),
    `${JSON.stringify({ slug: tenant.slug, files } satisfies BuildRecord, null, 2)}\n`,
  );
  report.outcome =
    before === null
      ? 'new'
      : report.added.length + report.changed.length + report.removed.length > 0
        ? 'changed'
        : 'unchanged';
  return report;
};

const names = (label: string, list: string[]) =>
  list.length === 0 ? [] : [`${label} ${list.length}: ${list.slice(0, 6).join(', ')}${list.length > 6 ? ', …' : ''}`];

export const describeReport = (r: TenantReport): string =>
  [`${r.slug}: ${r.outcome}`, ...names('new', r.added), ...names('changed', r.changed), ...names('removed', r.removed)]
    .concat(r.unchanged > 0 ? [`unchanged ${r.unchanged}`] : [])
    .join('\n  ');

/**
 * `m4s brand-apps [--tenant <slug>]… [--out <dir>]`: every tenant's (or the named ones') owner-app assets — manifest, icons,
 * splash screens, install QR code and poster — drawn by the builder the server serves them from, written to
 * `<out>/<slug>/`, with what changed against the previous build (by SHA-256, kept in build.json).
 */
export const brandApps: Command = (argv, io) => {
  const name = 'brand-apps';
  const { values } = parse(name, argv, {
    tenant: { type: 'string', multiple: true },
    out: { type: 'string' },
    json: { type: 'boolean' },
  });
  const input = validate(
    name,
    z.object({ tenant: z.array(tenantSlug).optional(), out: z.string().min(1).optional() }),
    { tenant: values.tenant, out: values.out },
    io.locale,
  );
  return async (rt) => {
    const out = resolve(input.out ?? join(rt.config.DATA_DIR, 'brand-apps'));
    const tenants = input.tenant
      ? await rt.asOperator((ctx) => Promise.all((input.tenant ?? []).map((slug) => findTenant(ctx, slug))))
      : await rt.asOperator((ctx) => operatorQueries.listTenants(ctx.db));
    const reports: TenantReport[] = [];
    for (const tenant of tenants) reports.push(await buildTenant(rt, tenant, out));
    if (values.json) return io.print(JSON.stringify({ out, tenants: reports }, null, 2));
    for (const r of reports) io.print(describeReport(r));
    const count = (o: TenantReport['outcome']) => reports.filter((r) => r.outcome === o).length;
    io.print(
      `owner apps of ${reports.length} dealer group(s) in ${out}: ` +
        `${count('new')} new, ${count('changed')} changed, ${count('unchanged')} unchanged`,
    );
  };
};
