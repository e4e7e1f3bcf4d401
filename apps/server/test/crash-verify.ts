/**
 * What a crash run checks once it is over (apps/server/test/crash-kit.ts): the database read directly, the
 * server stopped, against what the server acknowledged and what reached the stand-in SMS cloud.
 */
import type { Database } from '../src/platform/db/types.ts';
import type { Acked, CrashReport, Engine, FakeCloud } from './crash-kit.ts';

type Row = Record<string, unknown>;

export const verify = async (
  db: Database,
  acked: Acked,
  cloud: FakeCloud,
  engine: Engine,
): Promise<Omit<CrashReport, 'engine' | 'rounds' | 'totalMs'>> => {
  const q = async (sql: string, params: unknown[] = []) => (await db.owner.executeSql(sql, params)).rows as Row[];
  const lost: string[] = [];
  const bookingIds = [...acked.bookings.keys()];
  const foundB = new Set(
    (await q(`SELECT id::text AS id FROM bookings WHERE id = ANY($1::uuid[])`, [bookingIds])).map((r) => r.id),
  );
  for (const id of bookingIds) if (!foundB.has(id)) lost.push(`booking ${id}`);
  const customerIds = [...acked.customers.keys()];
  const foundC = new Map(
    (
      await q(
        `SELECT c.id::text AS id, (SELECT count(*)::int FROM customer_phones p WHERE p.tenant_id = c.tenant_id AND p.customer_id = c.id) AS phones
           FROM customers c WHERE c.id = ANY($1::uuid[])`,
        [customerIds],
      )
    ).map((r) => [r.id, r.phones]),
  );
  for (const id of customerIds) {
    if (!foundC.has(id)) lost.push(`customer ${id}`);
    else if (foundC.get(id) !== 1) lost.push(`customer ${id} without its phone (half written)`);
  }
  // Every slot counter equals the bookings holding a place in it.
  const slots = await q(
    `SELECT s.tenant_id, s.store_id, s.starts_at, s.total, s.online,
            (SELECT count(*)::int FROM bookings b WHERE b.tenant_id = s.tenant_id AND b.store_id = s.store_id
               AND b.starts_at = s.starts_at AND b.status <> 'cancelled') AS held,
            (SELECT count(*)::int FROM bookings b WHERE b.tenant_id = s.tenant_id AND b.store_id = s.store_id
               AND b.starts_at = s.starts_at AND b.status <> 'cancelled' AND b.channel = 'app') AS held_online
       FROM booking_slots s`,
  );
  const orphans = await q(
    `SELECT count(*)::int AS n FROM bookings b WHERE b.status <> 'cancelled' AND NOT EXISTS
       (SELECT 1 FROM booking_slots s WHERE s.tenant_id = b.tenant_id AND s.store_id = b.store_id AND s.starts_at = b.starts_at)`,
  );
  const slotMismatches =
    slots.filter((s) => s.total !== s.held || s.online !== s.held_online).length + Number(orphans[0]?.n ?? 0);
  const statuses = await q(`SELECT status, count(*)::int AS n FROM bookings GROUP BY status ORDER BY status`);
  // Imports: done once, every row's customer there once.
  const importProblems: string[] = [];
  let importsPending = 0;
  for (const [id, imp] of acked.imports) {
    const [job] = await q(`SELECT status, rows_done FROM import_jobs WHERE id = $1`, [id]);
    if (!job) {
      importProblems.push(`import ${id} lost`);
      continue;
    }
    if (job.status === 'queued' || job.status === 'running') {
      const [live] = await q(
        `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'imports.run' AND data->>'importId' = $1 AND state IN ('created', 'retry', 'active')`,
        [id],
      );
      if (Number(live?.n) > 0) importsPending++;
      else importProblems.push(`import ${id} ${job.status} with no job left to run it`);
      continue;
    }
    if (job.status !== 'done') importProblems.push(`import ${id} ended ${String(job.status)}`);
    if (Number(job.rows_done) !== imp.rows)
      importProblems.push(`import ${id}: ${String(job.rows_done)} rows done of ${imp.rows}`);
    const [dup] = await q(
      `SELECT count(*)::int AS customers, count(DISTINCT phone)::int AS phones FROM customer_phones WHERE phone = ANY($1::text[])`,
      [imp.phones],
    );
    if (dup?.customers !== imp.rows || dup.phones !== imp.rows)
      importProblems.push(
        `import ${id}: ${String(dup?.customers)} customer phones for ${imp.rows} rows (${String(dup?.phones)} distinct)`,
      );
  }
  // Jobs in flight: each SMS left at most once; sent ones exactly once; none left queued.
  const sms = await q(
    // The run's messages: the demo seed's history (a campaign sent a month ago, a complaint's thank-you last
    // week) left before this server ever ran, through no provider of this test.
    `SELECT id::text AS id, status, coalesce(last_error, '') AS last_error FROM notifications
      WHERE channel = 'sms' AND created_at > now() - interval '1 day'`,
  );
  let deliveredTwice = 0;
  let sentNotDeliveredOnce = 0;
  for (const n of sms) {
    const times = cloud.deliveries.get(String(n.id)) ?? 0;
    if (times > 1) deliveredTwice++;
    if (n.status === 'sent' && times !== 1) sentNotDeliveredOnce++;
  }
  const liveSends = new Set(
    (
      await q(
        `SELECT data->>'notificationId' AS id FROM pgboss.job WHERE name = 'notify.send' AND state IN ('created', 'retry', 'active')`,
      )
    ).map((r) => r.id),
  );
  const deferred = await q(
    `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'notify.send' AND state IN ('created', 'retry') AND start_after > now() + interval '1 minute'`,
  );
  const activeSends = await q(
    `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'notify.send' AND state = 'active'`,
  );
  const orphanedSends = sms.filter((n) => n.status === 'queued' && !liveSends.has(n.id)).length;
  const inbox = await q(`SELECT count(*)::int AS sent FROM notifications WHERE channel = 'inbox' AND status = 'sent'`);
  const inboxDup = await q(
    `SELECT count(*)::int AS n FROM (SELECT provider_ref FROM notifications WHERE channel = 'inbox' AND status = 'sent'
       GROUP BY provider_ref HAVING count(*) > 1) d`,
  );
  void engine;
  return {
    acked: { bookings: acked.bookings.size, customers: acked.customers.size, imports: acked.imports.size },
    lost,
    slotMismatches,
    importProblems,
    importsPending,
    sms: {
      queued: sms.length,
      sent: sms.filter((n) => n.status === 'sent').length,
      failedInterrupted: sms.filter((n) => n.status === 'failed' && /interrupted/.test(String(n.last_error))).length,
      failedOther: sms.filter((n) => n.status === 'failed' && !/interrupted/.test(String(n.last_error))).length,
      stillQueued: sms.filter((n) => n.status === 'queued').length,
      orphanedSends,
      deferred: Number(deferred[0]?.n ?? 0),
      activeAtStop: Number(activeSends[0]?.n ?? 0),
      deliveredTwice,
      sentNotDeliveredOnce,
    },
    inbox: { sent: Number(inbox[0]?.sent ?? 0), duplicates: Number(inboxDup[0]?.n ?? 0) },
    bookingStatusNote: statuses.map((s) => `${String(s.status)} ${String(s.n)}`).join(', '),
  };
};
