// The million-customer part of `npm run bench`: search and the customer 360 as staff feel them, then
// booking, availability and the owner's live stream (scale-booking.mjs), on the real server over
// PostgreSQL 15, with the signed-in /me of the same server as the floor (ratio).
import path from 'node:path';
import { freePort } from '../scripts/pg-cluster.mjs';
import { signIn, startProcess, stopProcess, waitHealthy } from './procs.mjs';
import { bigCluster, sampleTerms, timeConcurrent, timeRequests } from './scale.mjs';
import { bookingPart } from './scale-booking.mjs';
import { carePart, waitForStartNight } from './scale-care.mjs';
import { importPart } from './scale-import.mjs';

const host = '127.0.0.1';

const dataSetLine = (data) => {
  const made = (data.madeSteps ?? []).map((s) => `${s.step} ${ms(s.ms / 1000)} s`).join(', ');
  return `Data set (demo group, \`generateTenantData\`): ${int(data.customers)} customers, ${int(data.vehicles)} vehicles, ${int(data.repairOrders)} repair orders, ${int(data.lines)} repair-order lines; database ${ms(data.sizeBytes / 1024 ** 3)} GiB. Made ${data.generated ? 'in this run' : 'by an earlier run and reused'}: ${made}.${data.staleGenerator ? ' Reused with `--keep-data`: made by an older generator, the migrations since applied on top of it (their backfills included); values the newer generator writes at insert time and no migration backfills are missing from it.' : ''}`;
};

/** `--only=import`: the import part alone (no server on the data set itself). */
const importOnly = async ({ cluster, data, importRows, orderRows, log, t0 }) => {
  try {
    const imported = await importPart({ cluster, rows: importRows, orderRows, log });
    const markdown = [
      `### Scale: DMS import into ${int(data.customers)} customers on PostgreSQL`,
      '',
      dataSetLine(data),
      '',
      imported.markdown,
      '',
      `Scale part: ${ms((Date.now() - t0) / 1000)} s.`,
      '',
    ].join('\n');
    return { markdown, rows: [], data, imported, booking: null, care: null };
  } finally {
    await cluster.stop();
  }
};
const ms = (n) => (Number.isFinite(n) ? n.toFixed(1) : '—');
const int = (n) => Math.round(n).toLocaleString('en-US');

/** Runs the scale measurements; returns the markdown for bench/RESULTS.md and the facts for stdout. */
export const runScale = async ({
  customers = 1_000_000,
  samples = 200,
  concurrency = 8,
  importRows = 100_000,
  orderRows = 500_000,
  parts = { search: true, booking: true, care: true },
  log,
}) => {
  const t0 = Date.now();
  const { cluster, data } = await bigCluster({ customers, log });
  if (!parts.search && !parts.booking && !parts.care)
    return importOnly({ cluster, data, importRows, orderRows, log, t0 });
  const port = await freePort();
  const server = startProcess('server', ['--import', 'tsx', path.join('apps', 'server', 'src', 'main.ts')], {
    DATABASE_URL: cluster.url,
    PORT: String(port),
    HOST: host,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'test',
  });
  try {
    const base = `http://${host}:${port}`;
    await waitHealthy(server, `${base}/api/health`, Date.now(), 300_000);
    await waitForStartNight({ url: cluster.url, log });
    const headers = { cookie: await signIn(base) };
    const terms = parts.search ? await sampleTerms(cluster.url, samples) : null;
    const search = (q) => `${base}/api/customers?q=${encodeURIComponent(q)}`;
    const sets = {
      'me (floor: a signed-in request)': Array.from({ length: samples }, () => `${base}/api/auth/staff/me`),
      // `--only=booking` keeps the floor only.
      ...(parts.search && {
        'search: 4–6 phone digits': terms.phone.map(search),
        'search: plate without province': terms.plate.map(search),
        'search: VIN last six': terms.vin.map(search),
        'search: full name': terms.name.map(search),
        'customer 360 (overview)': terms.ids.map((id) => `${base}/api/customers/${id}/overview`),
      }),
    };
    log('warming up');
    await timeRequests(
      Object.values(sets).flatMap((urls) => urls.slice(0, 20)),
      headers,
    );
    const rows = [];
    for (const [name, urls] of Object.entries(sets)) {
      const one = await timeRequests(urls, headers);
      const many = (await timeConcurrent(urls, headers, concurrency)).flatMap((r) => [r]);
      const manyP95 = Math.max(...many.map((r) => r.p95));
      const failures = one.failures + many.reduce((a, r) => a + r.failures, 0);
      rows.push({ name, one, manyP95, failures });
      log(
        `${name.padEnd(34)} p50 ${ms(one.p50)} ms  p95 ${ms(one.p95)} ms  p99 ${ms(one.p99)} ms  | ${concurrency} clients p95 ${ms(manyP95)} ms${failures ? `  FAILURES ${failures}` : ''}`,
      );
    }
    const floor = rows[0]?.one.p95 ?? NaN;
    // While the server is up and warm; before the import, which needs it stopped.
    const booking = parts.booking
      ? await bookingPart({ base, cluster, headers, log, serverPid: server.child.pid, concurrency, samples })
      : null;
    const care = parts.care ? await carePart({ cluster, serverPid: server.child.pid, log }) : null;
    await stopProcess(server);
    const imported = importRows > 0 ? await importPart({ cluster, rows: importRows, orderRows, log }) : null;
    const table = [
      `| Request (${samples} each, drawn from the data) | p50 | p95 | p99 | p95 ÷ /me p95 | p95 with ${concurrency} clients at once |`,
      '| --- | --- | --- | --- | --- | --- |',
      ...rows.map(
        (r) =>
          `| ${r.name} | ${ms(r.one.p50)} ms | ${ms(r.one.p95)} ms | ${ms(r.one.p99)} ms | ${(r.one.p95 / floor).toFixed(1)}× | ${ms(r.manyP95)} ms${r.failures ? ` (${r.failures} failed)` : ''} |`,
      ),
    ].join('\n');
    const markdown = [
      `### Scale: ${int(data.customers)} customers on PostgreSQL`,
      '',
      dataSetLine(data),
      '',
      `Latency as one member of staff sees it (requests one after another; client and server on this machine), then ${concurrency} clients at once over the same requests. Target: search and 360 p95 under 50 ms.`,
      '',
      table,
      '',
      ...(booking ? [booking.markdown, ''] : []),
      ...(care ? [care.markdown, ''] : []),
      ...(imported ? [imported.markdown, ''] : []),
      `Scale part: ${ms((Date.now() - t0) / 1000)} s.`,
      '',
    ].join('\n');
    return { markdown, rows, data, imported, booking: booking?.facts ?? null, care: care?.facts ?? null };
  } finally {
    await stopProcess(server);
    await cluster.stop();
  }
};
