import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { importKinds, type ErrorCode, type ImportJob } from '@m4s/contracts';
import { AppError } from '../../platform/errors.ts';
import { previewFile, UnreadableFileError, type FileFormat } from './file-reader.ts';
import { createImport } from './imports.service.ts';
import { setImportSource } from './source-keys.ts';
import { sourceNamed } from './sources.service.ts';
import { uploadPath } from './run.job.ts';
import type { InStaffTx } from '../../platform/http/staff-tx.ts';

/** Why an upload was refused: the HTTP code, and the field message that tells the user what to do. */
export class UploadRefused extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly key: string,
    /** The multipart field it concerns (the file unless said). */
    readonly path = 'file',
  ) {
    super(key);
    this.name = 'UploadRefused';
  }
}

export type ReceivedFile = {
  kind: string | null;
  /** The `source` field: the old system the file comes from (a source's id or name); null: the default. */
  source: string | null;
  fileName: string;
  format: FileFormat;
  path: string;
  bytes: number;
  sha256: string;
};

const formatOf = (fileName: string): FileFormat | null => {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  return ext === 'csv' || ext === 'xlsx' ? ext : null;
};

/** An .xlsx is a zip file: anything else with that name is refused before the parser sees it. */
const looksLikeZip = async (path: string) => {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    await handle.read(head, 0, 4, 0);
    return head.equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  } finally {
    await handle.close();
  }
};

const nulRefusal = (path: string) => new UploadRefused('VALIDATION_FAILED', 'nul_byte', path.replaceAll('\u0000', ''));

/**
 * Streams the multipart upload (an optional `kind` field and one `file`) to `pathFor(format)`, hashing as it goes:
 * the file is never held in memory. Over `limitBytes` the partial file is deleted and the upload refused.
 */
export const receiveUpload = async (
  req: FastifyRequest,
  options: { limitBytes: number; pathFor: (format: FileFormat) => string },
): Promise<ReceivedFile> => {
  let kind: string | null = null;
  let source: string | null = null;
  let file: ReceivedFile | null = null;
  let refusal: UploadRefused | null = null;
  try {
    for await (const part of req.parts({ limits: { fileSize: options.limitBytes, files: 1, fields: 4, parts: 5 } })) {
      // A NUL (U+0000) in a field, its name or the file's name is refused as serve() refuses one in JSON:
      // PostgreSQL cannot hold it in text.
      if (part.fieldname.includes('\u0000')) refusal ??= nulRefusal(part.fieldname);
      if (part.type === 'field') {
        const value = String(part.value);
        if (value.includes('\u0000')) refusal ??= nulRefusal(part.fieldname);
        if (part.fieldname === 'kind') kind = value;
        if (part.fieldname === 'source') source = value;
        continue;
      }
      if (part.filename.includes('\u0000')) {
        refusal ??= nulRefusal('file');
        part.file.resume();
        continue;
      }
      const format = formatOf(part.filename);
      if (part.fieldname !== 'file' || file || !format) {
        refusal ??= new UploadRefused('UNSUPPORTED_MEDIA_TYPE', 'import_file_type');
        part.file.resume();
        continue;
      }
      const path = options.pathFor(format);
      await mkdir(dirname(path), { recursive: true });
      const hash = createHash('sha256');
      let bytes = 0;
      const tap = new Transform({
        transform(chunk: Buffer, _enc, done) {
          hash.update(chunk);
          bytes += chunk.length;
          done(null, chunk);
        },
      });
      file = { kind: null, source: null, fileName: part.filename.slice(0, 200), format, path, bytes: 0, sha256: '' };
      await pipeline(part.file, tap, createWriteStream(path));
      if (part.file.truncated) throw new UploadRefused('PAYLOAD_TOO_LARGE', 'import_file_too_large');
      file = { ...file, bytes, sha256: hash.digest('hex') };
    }
    if (refusal) throw refusal;
    if (!file) throw new UploadRefused('BAD_REQUEST', 'import_file_missing');
    if (file.bytes === 0) throw new UploadRefused('BAD_REQUEST', 'import_file_empty');
    if (file.format === 'xlsx' && !(await looksLikeZip(file.path)))
      throw new UploadRefused('BAD_REQUEST', 'import_file_malformed_xlsx');
    return { ...file, kind, source };
  } catch (error) {
    if (file) await rm(file.path, { force: true });
    // A disk problem is ours (500); anything else here is a broken or cut-off upload.
    if (error instanceof UploadRefused || (error as NodeJS.ErrnoException).syscall) throw error;
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 413) throw new UploadRefused('PAYLOAD_TOO_LARGE', 'import_file_too_large');
    throw new UploadRefused('BAD_REQUEST', 'import_upload_broken');
  }
};

/**
 * POST /imports: authorised first in a short transaction, the file streamed to disk outside any
 * transaction, previewed, and recorded in a second one. A refused file is removed; the refusal is thrown
 * as UploadRefused or UnreadableFileError for the route to answer in the user's language.
 */
export const uploadImport = async (
  inTx: InStaffTx,
  req: FastifyRequest,
  options: { limitBytes: number; dataDir: string },
): Promise<ImportJob> => {
  const { tenantId } = await inTx(async (ctx) => ({ tenantId: ctx.tenantId }));
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  const id = randomUUID();
  let path: string | null = null;
  try {
    const file = await receiveUpload(req, {
      limitBytes: options.limitBytes,
      pathFor: (format) => uploadPath(options.dataDir, tenantId, id, format),
    });
    path = file.path;
    // The kind is the sheets' to choose; one named with the file (an older client) is the first sheet's.
    const kind = z.enum(importKinds).nullable().safeParse(file.kind);
    if (!kind.success) throw new UploadRefused('BAD_REQUEST', 'import_kind');
    const preview = await previewFile(file.path, file.format);
    if (preview.sampleRows.length === 0) throw new UnreadableFileError('import_file_empty');
    const job = await inTx(async (ctx) => {
      const sourceId = await sourceNamed(ctx.db, ctx.tenantId, file.source);
      if (file.source?.trim() && !sourceId) throw new UploadRefused('BAD_REQUEST', 'import_source_unknown');
      const created = await createImport(ctx, {
        id,
        kind: kind.data,
        fileName: file.fileName,
        format: file.format,
        bytes: file.bytes,
        sha256: file.sha256,
        sheets: preview.sheets,
      });
      if (sourceId) await setImportSource(ctx.db, ctx.tenantId, id, sourceId);
      return created;
    });
    path = null;
    return job;
  } finally {
    if (path) await rm(path, { force: true });
  }
};
