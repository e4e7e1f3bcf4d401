import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { importKinds, tenantSlug } from '@m4s/contracts';
import { z } from 'zod';
import { systemCtx, type Ctx, type StaffCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { JobQueue } from '../../platform/jobs/queue.ts';
import { tableAnalyzer } from '../../platform/db/analyze.ts';
import { previewFile, type FileFormat } from '../../modules/imports/file-reader.ts';
import { chooseMapping, createImport, getImport } from '../../modules/imports/imports.service.ts';
import { importRunJob, uploadPath } from '../../modules/imports/run.job.ts';
import { setImportSource } from '../../modules/imports/source-keys.ts';
import { sourceNamed } from '../../modules/imports/sources.service.ts';
import { operatorAudit } from '../../modules/operator/operator-audit.ts';
import { findTenant } from '../../modules/operator/tenants-admin.service.ts';
import { staffForPlatform } from '../../modules/staff/staff.service.ts';
import { parse, required, UsageError, validate } from '../args.ts';
import type { Command } from '../io.ts';
import type { Runtime } from '../runtime.ts';

const sha256Of = (path: string) =>
  new Promise<string>((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });

/** The run is done here, now: the job the import service queues is kept out of the server's queue. */
const heldQueue = (): JobQueue => ({ send: () => Promise.resolve(), sendMany: () => Promise.resolve() });

/**
 * A DMS import through the imports module's own service and job: the file is recorded with the mapping
 * the admin console would propose, then the background job's steps run in this process. With `--kind`,
 * the file's first sheet is that kind (a workbook's other sheets are left out); without, every sheet goes
 * in as the kind its headers suggest (a sheet with none is left out).
 */
export const importFile: Command = (argv, io) => {
  const name = 'import';
  const { values } = parse(name, argv, {
    tenant: { type: 'string' },
    kind: { type: 'string' },
    file: { type: 'string' },
    as: { type: 'string' },
    source: { type: 'string' },
  });
  const input = validate(
    name,
    z.object({
      tenant: tenantSlug,
      kind: z.enum(importKinds).optional(),
      file: z.string().min(1),
      as: z.string().optional(),
      source: z.string().trim().min(1).max(40).optional(),
    }),
    {
      tenant: required(name, values, 'tenant'),
      kind: values.kind,
      file: required(name, values, 'file'),
      as: values.as,
      source: values.source,
    },
    io.locale,
  );
  const ext = /\.(csv|xlsx)$/i.exec(input.file)?.[1]?.toLowerCase();
  if (ext !== 'csv' && ext !== 'xlsx') throw new UsageError('--file must be a .csv or .xlsx file', name);
  const format: FileFormat = ext;

  return async (rt: Runtime) => {
    const bytes = await stat(input.file).then(
      (s) => s.size,
      () => {
        throw new UsageError(`--file ${input.file}: no such file`, name);
      },
    );
    const tenant = await rt.asOperator((ctx) => findTenant(ctx, input.tenant));
    if (tenant.status === 'suspended') throw new AppError('TENANT_SUSPENDED');
    const inTenant = <T>(fn: (ctx: Ctx) => Promise<T>) =>
      rt.db.transaction({ tenantId: tenant.id }, (tx) =>
        fn(
          systemCtx({
            tenantId: tenant.id,
            tx,
            jobs: heldQueue(),
            clock: rt.clock,
            log: rt.log,
            requestId: `cli:import:${tenant.slug}`,
          }),
        ),
      );
    const member = await inTenant((ctx) => staffForPlatform(ctx, input.as ?? null));
    const asMember = <T>(fn: (ctx: StaffCtx) => Promise<T>) =>
      inTenant((ctx) =>
        fn({
          ...ctx,
          storeId: member.storeId,
          actor: {
            kind: 'staff',
            id: member.id,
            role: member.role,
            storeId: member.storeId,
            customerScope: 'group',
            sessionId: 'cli',
            csrfToken: '',
          },
        }),
      );
    // The old system the file comes from (a source created on the import page); none: the default.
    const sourceId = input.source
      ? await inTenant((ctx) => sourceNamed(ctx.db, ctx.tenantId, input.source ?? null))
      : null;
    if (input.source && !sourceId) throw new UsageError(`--source ${input.source}: no such data source`, name);
    const id = randomUUID();
    const path = uploadPath(rt.config.DATA_DIR, tenant.id, id, format);
    await mkdir(dirname(path), { recursive: true });
    await copyFile(input.file, path);
    const preview = await previewFile(path, format);
    const file = {
      id,
      kind: input.kind ?? null,
      fileName: basename(input.file),
      format,
      bytes,
      sha256: await sha256Of(path),
    };
    const job = await asMember(async (ctx) => {
      const created = await createImport(ctx, { ...file, ...preview });
      if (sourceId) await setImportSource(ctx.db, ctx.tenantId, id, sourceId);
      return created;
    });
    const body = input.kind
      ? { mapping: job.mapping }
      : { sheets: job.sheets.map((s) => ({ index: s.index, kind: s.kind, mapping: s.mapping })) };
    await asMember((ctx) => chooseMapping(ctx, id, body));
    const run = importRunJob(rt.config.DATA_DIR);
    if (!('steps' in run)) throw new Error('the import job runs in steps');
    await run.steps(
      {
        tenantId: tenant.id,
        jobId: `cli:${id}`,
        clock: rt.clock,
        log: rt.log,
        step: inTenant,
        analyze: tableAnalyzer(rt.db.owner),
      },
      { tenantId: tenant.id, importId: id },
    );
    const done = await asMember((ctx) => getImport(ctx, id));
    await rt.asOperator((ctx) =>
      operatorAudit(ctx, {
        action: 'tenant.imported',
        tenantId: tenant.id,
        target: { type: 'import', id },
        details: { kind: input.kind ?? done.kind, fileName: file.fileName, as: member.login, status: done.status },
      }),
    );
    io.print(
      `import ${id} (${input.kind ?? done.kind}, ${file.fileName}) ${done.status}: ${done.rowsTotal ?? 0} rows, ` +
        `${done.rowsFailed} failed, ${JSON.stringify(done.counts)}`,
    );
    if (done.sheets.length > 1)
      for (const sheet of done.sheets)
        io.print(
          sheet.kind
            ? `  ${sheet.name} (${sheet.kind}) ${sheet.status}: ${sheet.rowsDone} rows, ${sheet.rowsFailed} failed, ${JSON.stringify(sheet.counts)}`
            : `  ${sheet.name}: left out`,
        );
    if (done.status !== 'done') throw new AppError('BAD_REQUEST', done.failure ?? 'the import failed');
  };
};
