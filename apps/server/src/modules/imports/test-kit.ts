// Helpers for the import tests: multipart bodies, polling a run, small files in any encoding.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import ExcelJS from './excel.ts';
import type { ImportJob } from '@m4s/contracts';
import { buildApp } from '../../app.ts';
import { loadConfig, type Config } from '../../config.ts';
import { agentFrom, testApp, testClock, testDataDir, testPassword, type Agent } from '../../../test/harness.ts';

export const sampleDir = fileURLToPath(new URL('../../../../../samples/dms/', import.meta.url));
export const sampleFile = (name: string) => readFile(`${sampleDir}${name}`);

/** A multipart/form-data body with text fields first, then one file. */
export const multipartBody = (fields: Record<string, string>, file: { name: string; data: Buffer } | null) => {
  const boundary = `----m4s${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
};

export const upload = (agent: Agent, kind: string, name: string, data: Buffer) => {
  const body = multipartBody({ kind }, { name, data });
  return agent.inject({
    method: 'POST',
    url: '/api/imports',
    payload: body.payload,
    headers: { 'content-type': body.contentType, 'x-csrf-token': agent.csrf },
  });
};

/** Polls the run until it ends; returns every distinct progress state seen on the way. */
export const waitForRun = async (agent: Agent, id: string, timeoutMs = 60_000) => {
  const seen: ImportJob[] = [];
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await agent.get(`/api/imports/${id}`);
    if (res.statusCode !== 200) throw new Error(`GET import: ${res.statusCode} ${res.body}`);
    const job = res.json<ImportJob>();
    const last = seen.at(-1);
    if (!last || last.status !== job.status || last.rowsDone !== job.rowsDone) seen.push(job);
    if (job.status === 'done' || job.status === 'failed') return { job, seen };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`import ${id} did not finish: ${JSON.stringify(seen.at(-1))}`);
};

/** Uploads, accepts the suggested mapping and waits for the run. */
export const importFile = async (agent: Agent, kind: string, name: string, data: Buffer) => {
  const up = await upload(agent, kind, name, data);
  if (up.statusCode !== 201) throw new Error(`upload: ${up.statusCode} ${up.body}`);
  const created = up.json<ImportJob>();
  const mapped = await agent.send('PUT', `/api/imports/${created.id}/mapping`, { mapping: created.mapping });
  if (mapped.statusCode !== 200) throw new Error(`mapping: ${mapped.statusCode} ${mapped.body}`);
  return { created, ...(await waitForRun(agent, created.id)) };
};

export const errorsOf = async (agent: Agent, id: string) => {
  const res = await agent.get(`/api/imports/${id}/errors?limit=500`);
  return res.json<{
    items: { sheet: number; rowNo: number; column: string | null; value: string | null; message: string }[];
    total: number;
  }>();
};

/** An .xlsx in memory (the sheet's first row is the header). */
export const xlsxOf = async (rows: (string | number | Date | null)[][]) => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
};

/** An .xlsx of several sheets, in this order (each sheet's first row is its header). */
export const workbookOf = async (sheets: { name: string; rows: (string | number | Date | null)[][] }[]) => {
  const workbook = new ExcelJS.Workbook();
  for (const { name, rows } of sheets) {
    const sheet = workbook.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
};

/** Uploads a file without naming its kind (the sheets' kinds are chosen after the upload). */
export const uploadFile = (agent: Agent, name: string, data: Buffer) => {
  const body = multipartBody({}, { name, data });
  return agent.inject({
    method: 'POST',
    url: '/api/imports',
    payload: body.payload,
    headers: { 'content-type': body.contentType, 'x-csrf-token': agent.csrf },
  });
};

export const csvOf = (rows: (string | number | null)[][]) =>
  rows.map((r) => r.map((v) => (v === null ? '' : String(v))).join(',')).join('\r\n') + '\r\n';

let gbkTable: Map<string, number[]> | null = null;

/** GBK bytes for a text (Node decodes GBK but does not encode it): a reverse of the decoder's table. */
export const encodeGbk = (text: string): Buffer => {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gbk');
    for (let lead = 0x81; lead <= 0xfe; lead += 1)
      for (let trail = 0x40; trail <= 0xfe; trail += 1) {
        if (trail === 0x7f) continue;
        const ch = decoder.decode(Uint8Array.from([lead, trail]));
        if (ch.length === 1 && ch !== '\uFFFD' && !gbkTable.has(ch)) gbkTable.set(ch, [lead, trail]);
      }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) bytes.push(ch.charCodeAt(0));
    else bytes.push(...(gbkTable.get(ch) ?? [0x3f]));
  }
  return Buffer.from(bytes);
};

/** A second app on the test database with other limits (no job worker: the shared app runs the jobs). */
export const appWith = async (overrides: Partial<Config>) => {
  const { db } = await testApp();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', JOBS: 'off', DATA_DIR: testDataDir }, overrides);
  const app = await buildApp(config, { db, clock: testClock });
  await app.ready();
  const signIn = async (slug: string, login: string) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/staff/sign-in',
      remoteAddress: '10.9.9.9',
      payload: { tenant: slug, login, password: testPassword },
    });
    if (res.statusCode !== 200) throw new Error(`sign-in: ${res.statusCode} ${res.body}`);
    const cookie = [res.headers['set-cookie'] ?? []]
      .flat()
      .map((c) => c.split(';')[0])
      .join('; ');
    return agentFrom(app, cookie, res.json<{ csrfToken: string }>().csrfToken);
  };
  return { app, signIn };
};

/** A data source of the tenant (as the import page creates one), for the cross-tenant suite. */
export const importSourceFor = async (t: { id: string }, name = '旧DMS') => {
  const { db } = await testApp();
  const rows = await db.owner.executeSql(`INSERT INTO import_sources (tenant_id, name) VALUES ($1, $2) RETURNING id`, [
    t.id,
    name,
  ]);
  const id = (rows.rows[0] as { id?: string } | undefined)?.id;
  if (!id) throw new Error('import source insert returned nothing');
  return id;
};
