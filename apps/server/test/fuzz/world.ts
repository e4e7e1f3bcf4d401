import { randomBytes, randomUUID } from 'node:crypto';
import { roles, type Role } from '@m4s/contracts';
import { owners, vehicleBindings } from '../../src/platform/db/schema/index.ts';
import { insertStaff } from '../../src/modules/staff/staff.queries.ts';
import { bookingRowsFor, type BookingRows } from '../../src/modules/booking/test-kit.ts';
import { visitRowsFor, type VisitRows } from '../../src/modules/visits/test-kit.ts';
import { complaintFor } from '../../src/modules/complaints/test-kit.ts';
import { calendarDayFor } from '../../src/modules/calendar/test-kit.ts';
import { webhookRowsFor } from '../../src/modules/webhooks/test-kit.ts';
import { telematicsRowsFor } from '../../src/modules/telematics/test-kit.ts';
import { loyaltyRowsFor } from '../../src/modules/loyalty/test-kit.ts';
import { referralRowsFor } from '../../src/modules/referrals/test-kit.ts';
import { importSourceFor } from '../../src/modules/imports/test-kit.ts';
import { surveyRowsFor, type SurveyRows } from '../../src/modules/surveys/test-kit.ts';
import { contentRowsFor, type ContentRows } from '../../src/modules/content/test-kit.ts';
import { eventRowsFor } from '../../src/modules/events/test-kit.ts';
import { recoveryRowsFor, type RecoveryRows } from '../../src/modules/recovery/test-kit.ts';
import { campaignRowsFor } from '../../src/modules/campaigns/test-kit.ts';
import { serviceRequestFor } from '../../src/modules/services/test-kit.ts';
import {
  createTestTenant,
  hashPassword,
  signInOwner,
  signInStaff,
  testApp,
  testClock,
  testPassword,
  type Agent,
  type TestTenant,
} from '../harness.ts';

/**
 * The fuzz suite's world: tenant A (the callers' tenant: one staff member per role, an owner with a confirmed car)
 * and tenant B (the victim), each with a row of every kind the routes name. Tenant B's rows, and the rows of a
 * second owner of tenant A, carry unique marker strings: no answer to A's callers may contain one.
 */
export type Rows = TestTenant & {
  bindingId: string;
  booking: BookingRows;
  visit: VisitRows;
  complaintId: string;
  /** A follow-up call (care task) with one attempt on it (issue 14). */
  callTaskId: string;
  calendarDay: string;
  webhook: { endpointId: string; deliveryId: string };
  telematics: { integrationId: string };
  importSourceId: string;
  loyalty: { templateId: string; couponId: string };
  survey: SurveyRows;
  /** A live feed post and a published article (docs/feed.md). */
  content: ContentRows;
  referral: { referralId: string; code: string };
  event: { eventId: string; signupId: string };
  /** A hot alert on the tenant's response and its follow-up call (issue 14, What 7). */
  recovery: RecoveryRows;
  /** A sent campaign with the test customer reached (issue 16). */
  campaignId: string;
  /** An open roadside rescue of the tenant's owner, with a position given with consent (docs/services.md). */
  serviceRequestId: string;
};

/** Every id of a tenant's test rows (what a path parameter or an id field may point at). */
export const idsOf = (t: Rows): string[] =>
  [
    t.id,
    t.storeId,
    t.otherStoreId,
    t.customerId,
    t.vehicleId,
    t.bindingId,
    ...Object.values(t.staffIds),
    t.booking.serviceTypeId,
    t.booking.bookingId,
    t.booking.closureId,
    t.booking.leaveId,
    t.visit.visitId,
    ...(t.visit.inboxId ? [t.visit.inboxId] : []),
    ...Object.values(t.visit).filter((v): v is string => typeof v === 'string'),
    t.complaintId,
    t.callTaskId,
    t.webhook.endpointId,
    t.webhook.deliveryId,
    t.telematics.integrationId,
    t.importSourceId,
    t.loyalty.templateId,
    t.loyalty.couponId,
    t.survey.questionnaireId,
    t.survey.versionId,
    t.survey.responseId,
    t.content.postId,
    t.content.articleId,
    t.referral.referralId,
    t.event.eventId,
    t.event.signupId,
    t.recovery.alertId,
    t.recovery.followUpTaskId,
    t.campaignId,
    t.serviceRequestId,
  ].filter((v, i, all) => /^[0-9a-f-]{36}$/.test(v) && all.indexOf(v) === i);

/** A tenant's rows by the kind a field's name or a path segment says (`customerId`, `/stores/:id`). */
export const idsByName = (t: Rows): [RegExp, string[]][] => [
  [/customer|fromid/i, [t.customerId]],
  [/vehicle|car/i, [t.vehicleId]],
  [/store/i, [t.storeId, t.otherStoreId]],
  [/staff|advisor|assignee|member/i, Object.values(t.staffIds)],
  [/servicetype|service-type/i, [t.booking.serviceTypeId]],
  [/booking/i, [t.booking.bookingId]],
  [/closure/i, [t.booking.closureId]],
  [/leave/i, [t.booking.leaveId]],
  [/line/i, [t.visit.lineId]],
  [/photo/i, [t.visit.photoId]],
  [/visit/i, [t.visit.visitId]],
  [/inbox/i, t.visit.inboxId ? [t.visit.inboxId] : []],
  [/binding/i, [t.bindingId]],
  [/complaint/i, [t.complaintId]],
  [/call|task/i, [t.callTaskId]],
  [/delivery/i, [t.webhook.deliveryId]],
  [/endpoint|webhook/i, [t.webhook.endpointId]],
  [/integration|telematic/i, [t.telematics.integrationId]],
  [/source/i, [t.importSourceId]],
  [/template|coupon/i, [t.loyalty.templateId, t.loyalty.couponId]],
  [/questionnaire/i, [t.survey.questionnaireId]],
  [/version/i, [t.survey.versionId]],
  [/survey|response/i, [t.survey.responseId]],
  [/post|feed/i, [t.content.postId]],
  [/article|knowledge/i, [t.content.articleId]],
  [/referral/i, [t.referral.referralId]],
  [/event|signup/i, [t.event.eventId, t.event.signupId]],
  [/alert|recovery/i, [t.recovery.alertId]],
  [/campaign/i, [t.campaignId]],
  [/service-request|servicerequest/i, [t.serviceRequestId]],
];

/**
 * Gives a tenant an owner-app account bound to its test car (confirmed, or still `pending` review), then a row
 * of every kind (rows written as the platform would). The fuzz suite's world and the cross-tenant suite use it.
 */
export const withRows = async (t: TestTenant, status: 'pending' | 'confirmed' = 'confirmed'): Promise<Rows> => {
  const { db } = await testApp();
  const bindingId = await db.transaction({ tenantId: t.id }, async ({ db: tx }) => {
    const [owner] = await tx.insert(owners).values({ tenantId: t.id, phone: '13000000000' }).returning();
    if (!owner) throw new Error('owner insert returned nothing');
    const decidedAt = status === 'confirmed' ? new Date() : null;
    const [binding] = await tx
      .insert(vehicleBindings)
      .values({ tenantId: t.id, ownerId: owner.id, vehicleId: t.vehicleId, status, decidedAt })
      .returning();
    if (!binding) throw new Error('binding insert returned nothing');
    return binding.id;
  });
  const visit = await visitRowsFor(t);
  const survey = await surveyRowsFor(t, visit.visitId);
  return {
    ...t,
    bindingId,
    booking: await bookingRowsFor(t),
    visit,
    complaintId: await complaintFor(t),
    callTaskId: await callFor(t),
    calendarDay: await calendarDayFor(t),
    webhook: await webhookRowsFor(t),
    telematics: await telematicsRowsFor(t),
    importSourceId: await importSourceFor(t),
    loyalty: await loyaltyRowsFor(t),
    content: await contentRowsFor(t),
    referral: await referralRowsFor(t),
    event: await eventRowsFor(t),
    survey,
    recovery: await recoveryRowsFor(t, survey.responseId),
    campaignId: await campaignRowsFor(t),
    serviceRequestId: await serviceRequestFor(t),
  };
};

/** A follow-up call for the test customer in the tenant's store, due now, with one no-answer attempt. */
const callFor = async (t: TestTenant): Promise<string> => {
  const [task] = await sql(
    `INSERT INTO care_tasks (tenant_id, customer_id, vehicle_id, store_id, rule_key, role, title, script, due_at,
       call_state, attempts)
     VALUES ($1, $2, $3, $4, 'follow_up_7d', 'cs_specialist', '新车7日回访', '您好', now(), 'retry', 1) RETURNING id`,
    [t.id, t.customerId, t.vehicleId, t.storeId],
  );
  const id = String(task?.id);
  await sql(
    `INSERT INTO call_attempts (tenant_id, task_id, customer_id, seq, outcome, state_before, state_after, at, note)
     VALUES ($1, $2, $3, 1, 'no_answer', 'scheduled', 'retry', now(), '无人接听')`,
    [t.id, id, t.customerId],
  );
  return id;
};

const sql = async (text: string, values: unknown[] = []) => {
  const { db } = await testApp();
  return (await db.owner.executeSql(text, values)).rows;
};

/** Writes a marker into every text a tenant's rows show (names, plates, addresses, summaries). */
export const plant = async (tenantId: string, marker: string) => {
  await sql(`UPDATE customers SET name = $2 WHERE tenant_id = $1`, [tenantId, `测试客户${marker}`]);
  await sql(`UPDATE vehicles SET plate = $2 WHERE tenant_id = $1`, [tenantId, `${marker}车牌`]);
  await sql(`UPDATE stores SET name = $2 || code, address = $2 || '地址' WHERE tenant_id = $1`, [tenantId, marker]);
  await sql(`UPDATE staff SET name = $2 || login WHERE tenant_id = $1`, [tenantId, marker]);
  await sql(`UPDATE owners SET name = $2 WHERE tenant_id = $1`, [tenantId, `${marker}车主`]);
  await sql(`UPDATE complaints SET summary = $2 WHERE tenant_id = $1`, [tenantId, `${marker}投诉`]);
  await sql(`UPDATE questionnaires SET name = $2 WHERE tenant_id = $1`, [tenantId, `${marker}问卷`]);
  await sql(`UPDATE events SET title = $2 || '活动', place = $2 || '地点' WHERE tenant_id = $1`, [tenantId, marker]);
  await sql(
    `UPDATE survey_responses SET answers = jsonb_build_object('R6', jsonb_build_object('text', $2::text)) WHERE tenant_id = $1`,
    [tenantId, `${marker}回答`],
  );
  await sql(`UPDATE care_tasks SET title = $2, script = $2 WHERE tenant_id = $1`, [tenantId, `${marker}回访`]);
  await sql(`UPDATE call_attempts SET note = $2 WHERE tenant_id = $1`, [tenantId, `${marker}备注`]);
  await sql(`UPDATE recovery_alerts SET action = $2, reaction = $2 WHERE tenant_id = $1`, [tenantId, `${marker}补救`]);
  await sql(`UPDATE feed_posts SET title = $2, body = $2 WHERE tenant_id = $1`, [tenantId, `${marker}资讯`]);
  await sql(`UPDATE kb_articles SET title = $2, body = $2 WHERE tenant_id = $1`, [tenantId, `${marker}知识`]);
  await sql(`UPDATE service_requests SET answers = jsonb_build_object('note', $2::text) WHERE tenant_id = $1`, [
    tenantId,
    `${marker}救援`,
  ]);
  await sql(`UPDATE tenants SET name = $2 WHERE id = $1`, [tenantId, `${marker}集团`]);
};

export type Caller = { kind: 'staff'; role: Role } | { kind: 'owner' } | { kind: 'anonymous' };
export const callerName = (c: Caller) => (c.kind === 'staff' ? c.role : c.kind);

export type World = {
  a: Rows;
  b: Rows;
  /** A second owner of tenant A, with their own customer, car and binding: owner A must never see them. */
  otherOwner: { customerId: string; vehicleId: string; bindingId: string; marker: string };
  /** Strings and ids that must never appear in an answer to tenant A's callers (owner: plus the other owner's). */
  secrets: { tenant: string[]; owner: string[] };
  agents: Map<string, Agent>;
  /** The agent of a caller; a new sign-in (a new staff member of the role when needed) if its session ended. */
  agent: (c: Caller) => Promise<Agent | null>;
  renew: (c: Caller) => Promise<void>;
  /** Tenant A's checksum after the last write request (null when something may have changed since). */
  last: Map<string, string> | null;
};

export const buildWorld = async (): Promise<World> => {
  const a = await withRows(await createTestTenant([...roles]));
  const b = await withRows(await createTestTenant([...roles]));
  const markerB = `ZZB${randomBytes(4).toString('hex')}`;
  await plant(b.id, markerB);
  // Tenant A's other owner: a customer, car and confirmed binding of their own, a marker in each.
  const markerO = `ZZO${randomBytes(4).toString('hex')}`;
  const customerId = randomUUID();
  const vehicleId = randomUUID();
  await sql(`INSERT INTO customers (tenant_id, id, name, source, home_store_id) VALUES ($1, $2, $3, 'walk_in', $4)`, [
    a.id,
    customerId,
    `${markerO}客户`,
    a.storeId,
  ]);
  await sql(`INSERT INTO vehicles (tenant_id, id, vin, plate, owner_id) VALUES ($1, $2, 'LSVAA4182E2100001', $3, $4)`, [
    a.id,
    vehicleId,
    `${markerO}车牌`,
    customerId,
  ]);
  const [owner] = await sql(`INSERT INTO owners (tenant_id, phone, name) VALUES ($1, '13900000077', $2) RETURNING id`, [
    a.id,
    `${markerO}车主`,
  ]);
  const [binding] = await sql(
    `INSERT INTO vehicle_bindings (tenant_id, owner_id, vehicle_id, status, decided_at) VALUES ($1, $2, $3, 'confirmed', now()) RETURNING id`,
    [a.id, owner?.id, vehicleId],
  );
  const otherOwner = { customerId, vehicleId, bindingId: String(binding?.id), marker: markerO };

  const agents = new Map<string, Agent>();
  let n = 0;
  const signIn = async (c: Caller): Promise<Agent | null> => {
    if (c.kind === 'anonymous') return null;
    if (c.kind === 'owner') {
      // The fuzzer may have asked codes for this phone: past the resend cooldown first (the clock is the test's),
      // and past the hourly cap of codes per phone when a long run has reached it (the answer says how long).
      testClock.advance(5 * 60_000);
      for (let attempt = 0; ; attempt++) {
        try {
          return await signInOwner(a.slug, '13000000000');
        } catch (error) {
          const wait = /"retryAfterSeconds":(\d+)/.exec(String((error as Error).message));
          if (!wait || attempt >= 2) throw error;
          testClock.advance((Number(wait[1]) + 1) * 1000);
        }
      }
    }
    // A new member of the role each time (the fuzzer may have renamed, disabled or re-passworded the first).
    const { db } = await testApp();
    const login = `${c.role.replace(/_/g, '.')}.f${++n}`;
    const now = new Date();
    await db.transaction({ tenantId: a.id }, async ({ db: tx }) => {
      await insertStaff(tx, a.id, {
        login,
        name: c.role,
        role: c.role,
        storeId: c.role === 'group_admin' || c.role === 'oem_viewer' ? null : a.storeId,
        passwordHash: await hashPassword(testPassword),
        createdAt: now,
        updatedAt: now,
        passwordChangedAt: now,
      });
    });
    return signInStaff(a.slug, login);
  };
  const world: World = {
    a,
    b,
    otherOwner,
    secrets: {
      tenant: [markerB, ...idsOf(b), b.slug],
      owner: [markerO, customerId, vehicleId, otherOwner.bindingId],
    },
    agents,
    last: null,
    agent: async (c) => {
      const key = callerName(c);
      if (c.kind === 'anonymous') return null;
      const known = agents.get(key);
      if (known) return known;
      const fresh = await signIn(c);
      world.last = null;
      if (fresh) agents.set(key, fresh);
      return fresh;
    },
    renew: async (c) => {
      world.last = null;
      agents.delete(callerName(c));
      await world.agent(c);
    },
  };
  return world;
};

/** Tenant tables a failed request must leave as they were (sessions and the audit trail may change). */
const volatile = new Set([
  'sessions',
  'owner_otps',
  'audit_log',
  'segment_dirty',
  'nightly_runs',
  'notifications',
  // Written by background jobs of earlier requests (webhook deliveries), not by the request under test.
  'webhook_deliveries',
  'webhook_attempts',
  // The segment recompute job an earlier request queued.
  'customer_segments',
  'vehicle_segments',
  'segment_changes',
]);
export const stats = { checksumMs: 0, checksums: 0 };
let tables: string[] | null = null;

/** A checksum of every tenant table's rows of one tenant, table by table. */
export const checksum = async (tenantId: string): Promise<Map<string, string>> => {
  tables ??= (
    await sql(
      `SELECT c.table_name AS t FROM information_schema.columns c JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE' WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' ORDER BY 1`,
    )
  )
    .map((r) => String(r.t))
    .filter((t) => !volatile.has(t));
  const parts = tables.map(
    (t, i) =>
      `SELECT ${i} AS i, count(*)::int AS n, coalesce(md5(string_agg(md5(x::text), '' ORDER BY md5(x::text))), '') AS h FROM "${t}" x WHERE tenant_id = $1`,
  );
  const t0 = Date.now();
  const rows = await sql(parts.join(' UNION ALL '), [tenantId]);
  stats.checksumMs += Date.now() - t0;
  stats.checksums++;
  const out = new Map<string, string>();
  for (const r of rows) out.set(tables[Number(r.i)] ?? '?', `${String(r.n)}:${String(r.h)}`);
  return out;
};

export const diff = (before: Map<string, string>, after: Map<string, string>) =>
  [...before.keys()].filter((k) => before.get(k) !== after.get(k));
