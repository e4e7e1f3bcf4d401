import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  errorCodes,
  idParams,
  importErrorList,
  importErrorsQuery,
  importJob,
  importKinds,
  importMappingBody,
  importUploadLimitBytes,
  listOf,
  type ErrorBody,
  type ImportKind,
} from '@m4s/contracts';
import { AppError } from '../../platform/errors.ts';
import { fieldMessage, localeOf } from '../../platform/i18n.ts';
import { customerExportCap, customerExportRoutes } from './customers-export.ts';
import { previewFile, UnreadableFileError } from './file-reader.ts';
import { importErrorsAfter } from './imports.queries.ts';
import * as service from './imports.service.ts';
import { uploadPath } from './run.job.ts';
import { receiveUpload, UploadRefused } from './upload.ts';
import { attachment, sendXlsx } from './xlsx-out.ts';

/** The sample DMS exports shipped in the repository (samples/dms), one per kind. */
const samplesDir = fileURLToPath(new URL('../../../../../samples/dms/', import.meta.url));
export const sampleFiles: Record<ImportKind, { name: string; fallback: string; type: string }> = {
  customers: {
    name: '客户车辆档案-示例.xlsx',
    fallback: 'dms-customers-sample.xlsx',
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  repair_orders: {
    name: '维修工单明细-示例.csv',
    fallback: 'dms-repair-orders-sample.csv',
    type: 'text/csv; charset=utf-8',
  },
};

/** A refused upload answers in the user's language with what to do about it (not just "bad request"). */
const refuse = (req: FastifyRequest, reply: FastifyReply, code: UploadRefused['code'], key: string) => {
  const message = fieldMessage(localeOf(req.headers['accept-language']), key, key);
  const body: ErrorBody = { code, message, requestId: req.id, details: { issues: [{ path: 'file', message }] } };
  return reply.status(errorCodes[code]).send(body);
};

export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['imports'];
  const { config } = app.m4s;
  const limitBytes = config.importUploadLimitBytes ?? importUploadLimitBytes;
  await app.register(multipart, { throwFileSizeLimit: false });

  app.post(
    '/imports',
    { schema: { tags, consumes: ['multipart/form-data'], response: { 201: importJob } } },
    async (req, reply) => {
      // Authorised first, in a short transaction: the upload itself is streamed outside any transaction.
      const { tenantId } = await app.ctx.staff(req, 'customer.import', async (ctx) => ({ tenantId: ctx.tenantId }));
      if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      const id = randomUUID();
      let path: string | null = null;
      try {
        const file = await receiveUpload(req, {
          limitBytes,
          pathFor: (format) => uploadPath(config.DATA_DIR, tenantId, id, format),
        });
        path = file.path;
        const kind = z.enum(importKinds).safeParse(file.kind);
        if (!kind.success) throw new UploadRefused('BAD_REQUEST', 'import_kind');
        const preview = await previewFile(file.path, file.format);
        if (preview.sampleRows.length === 0) throw new UnreadableFileError('import_file_empty');
        const job = await app.ctx.staff(req, 'customer.import', (ctx) =>
          service.createImport(ctx, {
            id,
            kind: kind.data,
            fileName: file.fileName,
            format: file.format,
            bytes: file.bytes,
            sha256: file.sha256,
            ...preview,
          }),
        );
        path = null;
        return reply.status(201).send(job);
      } catch (error) {
        if (error instanceof UploadRefused) return refuse(req, reply, error.code, error.key);
        if (error instanceof UnreadableFileError) return refuse(req, reply, 'BAD_REQUEST', error.key);
        throw error;
      } finally {
        if (path) await rm(path, { force: true });
      }
    },
  );

  app.get('/imports', { schema: { tags, response: { 200: listOf(importJob) } } }, async (req) =>
    app.ctx.staff(req, 'customer.import', async (ctx) => ({ items: await service.recentImports(ctx) })),
  );

  app.get('/imports/:id', { schema: { tags, params: idParams, response: { 200: importJob } } }, async (req) =>
    app.ctx.staff(req, 'customer.import', (ctx) => service.getImport(ctx, req.params.id)),
  );

  app.put(
    '/imports/:id/mapping',
    { schema: { tags, params: idParams, body: importMappingBody, response: { 200: importJob } } },
    async (req) =>
      app.ctx.staff(req, 'customer.import', (ctx) => service.chooseMapping(ctx, req.params.id, req.body.mapping)),
  );

  app.get(
    '/imports/:id/errors',
    { schema: { tags, params: idParams, querystring: importErrorsQuery, response: { 200: importErrorList } } },
    async (req) => app.ctx.staff(req, 'customer.import', (ctx) => service.importErrors(ctx, req.params.id, req.query)),
  );

  app.get(
    '/imports/:id/errors.xlsx',
    { schema: { tags, params: idParams, produces: ['application/octet-stream'] } },
    async (req, reply) => {
      const run = await app.ctx.staff(req, 'customer.import', (ctx) => service.importForReport(ctx, req.params.id));
      const locale = localeOf(req.headers['accept-language']);
      const zh = locale === 'zh-CN';
      async function* pages() {
        let after: { rowNo: number; id: string } | null = null;
        for (;;) {
          const rows = await app.ctx.staff(req, 'customer.import', (ctx) =>
            importErrorsAfter(ctx.db, ctx.tenantId, run.id, after, 1000),
          );
          if (rows.length === 0) return;
          yield rows.map((r) => [r.rowNo, r.column, r.value, r.message]);
          const last = rows.at(-1);
          after = last ? { rowNo: last.rowNo, id: last.id } : null;
        }
      }
      const base = run.fileName.replace(/\.[^.]+$/, '');
      return sendXlsx(reply, {
        fileName: `${base}-${zh ? '错误报告' : 'errors'}.xlsx`,
        fallbackName: 'import-errors.xlsx',
        sheetName: zh ? '错误报告' : 'Errors',
        columns: (zh ? ['行号', '列', '内容', '问题'] : ['Row', 'Column', 'Value', 'Problem']).map((header, i) => ({
          header,
          width: [8, 16, 24, 60][i] ?? 12,
        })),
        pages: pages(),
      });
    },
  );

  app.get(
    '/imports/samples/:kind',
    { schema: { tags, params: z.strictObject({ kind: z.string().max(40) }), produces: ['application/octet-stream'] } },
    async (req, reply) => {
      await app.ctx.staff(req, 'customer.import', async () => null);
      const sample = (importKinds as readonly string[]).includes(req.params.kind)
        ? sampleFiles[req.params.kind as ImportKind]
        : null;
      if (!sample) throw new AppError('NOT_FOUND');
      return reply
        .header('content-type', sample.type)
        .header('content-disposition', attachment(sample.name, sample.fallback))
        .send(createReadStream(`${samplesDir}${sample.name}`));
    },
  );

  await app.register(customerExportRoutes(config.customerExportCap ?? customerExportCap));
};
