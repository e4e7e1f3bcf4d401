import { createReadStream } from 'node:fs';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { errorCodes, importRoutes as r, importUploadLimitBytes, type ErrorBody, type Permission } from '@m4s/contracts';
import { fieldMessage, localeOf } from '../../platform/i18n.ts';
import { serve } from '../../platform/http/serve.ts';
import { staffTx } from '../../platform/http/staff-tx.ts';
import { customerExport, customerExportCap } from './customers-export.ts';
import { errorReport, sampleFile } from './downloads.ts';
import { UnreadableFileError } from './file-reader.ts';
import * as service from './imports.service.ts';
import { previewImport } from './preview.ts';
import { undoImport } from './undo.ts';
import { serveImportSources } from './sources.routes.ts';
import { UploadRefused, uploadImport } from './upload.ts';
import { attachment, sendXlsx } from './xlsx-out.ts';

/** A refused upload answers in the user's language with what to do about it (not just "bad request"). */
const refuse = (req: FastifyRequest, reply: FastifyReply, code: UploadRefused['code'], key: string, path = 'file') => {
  const message = fieldMessage(localeOf(req.headers['accept-language']), key, key);
  const body: ErrorBody = { code, message, requestId: req.id, details: { issues: [{ path, message }] } };
  return reply.status(errorCodes[code]).send(body);
};

export const importRoutes: FastifyPluginAsync = async (app) => {
  const { config } = app.m4s;
  const limitBytes = config.importUploadLimitBytes ?? importUploadLimitBytes;
  const cap = config.customerExportCap ?? customerExportCap;
  const inTx = (req: FastifyRequest, permission: Permission) => staffTx(app, req, permission);
  await app.register(multipart, { throwFileSizeLimit: false });

  serve(app, r.upload, async (req, reply) => {
    try {
      return await uploadImport(inTx(req, r.upload.permission), req, { limitBytes, dataDir: config.DATA_DIR });
    } catch (error) {
      if (error instanceof UploadRefused) return refuse(req, reply, error.code, error.key, error.path);
      if (error instanceof UnreadableFileError) return refuse(req, reply, 'BAD_REQUEST', error.key);
      throw error;
    }
  });
  serve(app, r.list, async (ctx) => ({ items: await service.recentImports(ctx) }));
  serve(app, r.get, (ctx, req) => service.getImport(ctx, req.params.id));
  serve(app, r.chooseMapping, (ctx, req) => service.chooseMapping(ctx, req.params.id, req.body));
  serve(app, r.preview, (req) =>
    previewImport(inTx(req, r.preview.permission), config.DATA_DIR, req.params.id, req.body),
  );
  serve(app, r.undo, (ctx, req) => undoImport(ctx, req.params.id));
  serve(app, r.errors, (ctx, req) => service.importErrors(ctx, req.params.id, req.query));
  serve(app, r.errorReport, async (req, reply) => {
    const locale = localeOf(req.headers['accept-language']);
    return sendXlsx(reply, await errorReport(inTx(req, r.errorReport.permission), req.params.id, locale));
  });
  serve(app, r.sample, async (_ctx, req, reply) => {
    const sample = sampleFile(req.params.kind);
    return reply
      .header('content-type', sample.type)
      .header('content-disposition', attachment(sample.name, sample.fallback))
      .send(createReadStream(sample.path));
  });
  serveImportSources(app);
  serve(app, r.exportCustomers, async (req, reply) =>
    sendXlsx(reply, await customerExport(inTx(req, r.exportCustomers.permission), req.query.q ?? '', cap)),
  );
};
