import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { systemCtx } from '../../platform/context.ts';
import { migrate, migrationsFolder } from '../../platform/db/migrate.ts';
import { openPglite } from '../../platform/db/pglite.ts';
import { actOnDeadlines } from './complaints.escalation.ts';

const quiet = { info() {}, warn() {}, error() {}, debug() {}, trace() {}, fatal() {}, child: () => quiet };
const noJobs = { send: async () => {}, sendMany: async () => {} };

/** The migrations as they stood before the complaint cases (0055): the files and the journal up to 0054. */
const foldersBefore = (idx: number) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'm4s-complaints-migration-'));
  mkdirSync(path.join(dir, 'meta'));
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { idx: number; tag: string }[];
  };
  const kept = journal.entries.filter((e) => e.idx < idx);
  writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: kept }));
  const tags = new Set(kept.map((e) => `${e.tag}.sql`));
  for (const f of readdirSync(migrationsFolder))
    if (tags.has(f)) cpSync(path.join(migrationsFolder, f), path.join(dir, f));
  return dir;
};

describe('existing complaints migrate to cases (migration 0055)', () => {
  test('closed ones are closed cases; open ones stand received with their deadlines, and the sweep escalates them', async () => {
    const before = foldersBefore(55);
    const db = await openPglite(undefined);
    try {
      await migrate(db, before);
      const run = db.owner.executeSql;
      const [tenant] = (
        await run(
          `INSERT INTO tenants (slug, name, short_name) VALUES ('mig-0055', '迁移集团', '迁移') RETURNING id`,
          [],
        )
      ).rows;
      const tenantId = String(tenant?.id);
      const [customer] = (
        await run(`INSERT INTO customers (tenant_id, name, source) VALUES ($1, '老客户', 'manual') RETURNING id`, [
          tenantId,
        ])
      ).rows;
      const customerId = String(customer?.id);
      const received = '2026-03-02T02:00:00.000Z'; // Monday 10:00 in Shanghai
      const insert = async (severity: string, status: string) =>
        String(
          (
            await run(
              `INSERT INTO complaints (tenant_id, customer_id, category, channel, severity, summary, status, received_at,
                 closed_at, resolution)
               VALUES ($1, $2, 'repair_quality', 'phone', $3, '旧投诉', $4, $5,
                 CASE WHEN $4 = 'closed' THEN $5::timestamptz + interval '3 days' END,
                 CASE WHEN $4 = 'closed' THEN '已处理' END) RETURNING id`,
              [tenantId, customerId, severity, status, received],
            )
          ).rows[0]?.id,
        );
      const closed = await insert('normal', 'closed');
      const open = await insert('normal', 'open');
      const major = await insert('major', 'open');

      await migrate(db);
      const rows = new Map(
        (
          await run(
            `SELECT id::text AS id, status, stage, kind, first_contact_due, answer_due, oem_report_due, escalation_level
               FROM complaints WHERE tenant_id = $1`,
            [tenantId],
          )
        ).rows.map((r) => [String(r.id), r]),
      );
      const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());
      assert.equal(rows.get(closed)?.stage, 'closed');
      assert.equal(rows.get(closed)?.status, 'closed');
      assert.equal(rows.get(open)?.stage, 'received');
      assert.equal(rows.get(open)?.kind, 'complaint');
      assert.equal(iso(rows.get(open)?.first_contact_due), '2026-03-02T04:00:00.000Z');
      assert.equal(iso(rows.get(open)?.answer_due), '2026-03-03T02:00:00.000Z');
      assert.equal(iso(rows.get(open)?.oem_report_due), null);
      assert.equal(iso(rows.get(major)?.oem_report_due), '2026-03-02T06:00:00.000Z');

      // The sweep acts on a migrated case like on any other: first contact and answer long passed, two levels.
      const clock = { now: () => new Date('2026-03-10T02:00:00.000Z') };
      const out = await db.transaction({ tenantId }, (tx) =>
        actOnDeadlines(
          systemCtx({ tenantId, tx, jobs: noJobs, clock, log: quiet as never, requestId: 'migration-test' }),
          open,
        ),
      );
      assert.equal(out.escalated, 2);
      const events = await run(
        `SELECT kind, details FROM complaint_events WHERE tenant_id = $1 AND complaint_id = $2 AND kind = 'escalated'
          ORDER BY details`,
        [tenantId, open],
      );
      assert.deepEqual(
        events.rows.map((r) => r.details),
        ['deadline:1', 'deadline:2'],
      );
    } finally {
      await db.close();
      rmSync(before, { recursive: true, force: true });
    }
  });
});
