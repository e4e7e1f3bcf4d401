import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { touchSources, transactionalTopics } from '@m4s/contracts';
import { candidate, gate, sqlIn, tenantWith } from './test-kit.ts';

const srcRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Every way a message can be made to reach someone: the outbox, the inbox, a staff task. */
const sendPatterns = [
  /\benqueueNotice\(/,
  /\bpostInbox\(/,
  /\.insert\(\s*(notifications|inboxMessages|careTasks)\b/,
  /INSERT\s+INTO\s+(notifications|inbox_messages|care_tasks)\b/i,
];

/**
 * The places allowed to do it without the gate, each with its reason. Anything else that sends is a
 * new source bypassing contact governance: route it through `touch()` / `runGate()` instead.
 */
const allowed: Record<string, string> = {
  'modules/contact/gate.sql.ts': 'the gate itself writes the outbox rows and tasks it decided',
  'platform/notify/outbox.ts': 'defines enqueueNotice (the outbox primitive)',
  'modules/inbox/inbox.queries.ts': 'the inbox primitive (postInbox) and its insert',
  'platform/notify/inbox-delivery.ts': 'delivers an inbox notification the gate already decided (send side)',
  'modules/auth/owner-auth.service.ts':
    'the sign-in code: to a phone that may belong to no customer yet, and a code can never be held back',
  'modules/garage/bindings.service.ts':
    'the binding decision goes to the app account that asked (its phone), who may not be the customer yet',
  'modules/vehicles/bindings-end.ts':
    'a change of owner ends the seller’s binding: the app account is told (its inbox, its phone), and it is no longer the car’s customer',
  'seed/demo-visits.ts': 'demo data: the history of an imaginary visit, not a message to anyone',
  'seed/demo-call-history.ts':
    'demo data: the past follow-up calls (already made) behind the demo’s recorded answers, not a message to anyone',
  'seed/demo-recovery.ts':
    'demo data: past hot alerts and their follow-up calls (tasks for staff), not a message to anyone',
  'modules/services/plugin-context.ts':
    'a service request’s step to the owner who made it: their app’s message centre only, an answer to their own request (docs/services.md)',
  'modules/reports/reports.send.ts':
    'the monthly report, e-mailed to the staff members who subscribed themselves (docs/reports.md): no customer is contacted',
  'modules/calls/calls.queries.ts':
    'the call centre’s own tasks: a callback at the time the customer asked for, a data-fix task for staff (no contact), a call a person places by hand (docs/calls.md)',
};

const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return walk(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && e.name !== 'test-kit.ts' ? [path] : [];
  });

describe('the gate cannot be bypassed', () => {
  test('every sender in apps/server/src is the gate or on the allow-list with its reason', () => {
    const senders = walk(srcRoot)
      .filter((file) => sendPatterns.some((p) => p.test(readFileSync(file, 'utf8'))))
      .map((file) => relative(srcRoot, file).split('\\').join('/'))
      .sort();
    const bypassing = senders.filter((f) => !(f in allowed));
    assert.deepEqual(bypassing, [], `sending outside the contact gate: ${bypassing.join(', ')}`);
    const stale = Object.keys(allowed).filter((f) => !senders.includes(f));
    assert.deepEqual(stale, [], 'allow-list entries that no longer send: remove them');
  });

  test('every touch source passes the gate and lands in the ledger', async () => {
    const t = await tenantWith('');
    await sqlIn(t.id, `UPDATE tenants SET contact_policy = '{"weeklyMessages": 14}' WHERE id = $1`, [t.id]);
    const transactionalSources = new Set(['booking', 'visit', 'account']);
    const out = await gate(
      t.id,
      touchSources.map((source, i) =>
        transactionalSources.has(source)
          ? candidate(t, '2026-03-10T02:00:00Z', {
              source,
              kind: 'transactional',
              topic: transactionalTopics.find((tt) => tt === source) ?? 'account',
              ruleKey: null,
              dedupeKey: `src:${source}`,
            })
          : candidate(t, '2026-03-10T02:00:00Z', {
              source,
              topic:
                (
                  [
                    'maintenance',
                    'insurance',
                    'inspection',
                    'warranty',
                    'birthday',
                    'offers',
                    'win_back',
                    'trade_in',
                    'follow_up',
                    // The tenth source (complaint, issue 15) takes a topic no other source here uses.
                    'insurance',
                    // The eleventh (event, issue 16): another topic no other source here uses.
                    'inspection',
                  ] as const
                )[i] ??
                // feed (index 11, issue 17): the last topic no other source here uses.
                'warranty',
              dedupeKey: `src:${source}`,
            }),
      ),
    );
    assert.deepEqual(
      out.map((o) => o.decision),
      touchSources.map(() => 'sent'),
    );
    const rows = await sqlIn(t.id, 'SELECT source FROM touches WHERE tenant_id = $1 ORDER BY source', [t.id]);
    assert.deepEqual(
      rows.map((r) => r.source),
      [...touchSources].sort(),
    );
  });
});
