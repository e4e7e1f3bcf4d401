// The bare baseline for `npm run bench`: what a hand-written Fastify + pg server would do for the same
// endpoints (/health, /me; POST /book for the booking part), on the same database, with none of our
// platform (no zod, no RLS transaction, no helmet, no request ids, no session slide). The ratio of the
// real server to this one is the cost of the platform.
// GET /me-tx is a reference point: the real endpoint's SQL sequence as it was before issue 10 (6 round trips), raw pg,
// no platform code — one RLS transaction (BEGIN + SET LOCAL ROLE/tenant, session, staff, tenant, staff+store,
// COMMIT); `npm run bench -- --detail`. The real one now takes 2 (bench/RESULTS.md).
// Env: DATABASE_URL (required), PORT (default 0), HOST (default 127.0.0.1), DB_POOL_SIZE (default 10, as the server).
import Fastify from 'fastify';
import pg from 'pg';
import { createHash } from 'node:crypto';
// The file itself, not '@m4s/contracts': the package index would load zod, which the baseline does without.
import { roleGrants, type Role } from '../packages/contracts/src/roles.ts';

const connectionString = process.env.DATABASE_URL;
if (!connectionString) throw new Error('baseline-server: DATABASE_URL is required');

const pool = new pg.Pool({ connectionString, max: Number(process.env.DB_POOL_SIZE ?? 10) });
const app = Fastify({ logger: false });

const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');

/** The cookie's `<tenant uuid>.<secret>`, taken straight from the header, as a hand-written server would. */
const staffCookie = (header: string | undefined): { tenantId: string; secret: string } | null => {
  const match = header ? /(?:^|;\s*)m4s_staff=([^;]+)/.exec(header) : null;
  const value = match?.[1] ? decodeURIComponent(match[1]) : '';
  const dot = value.indexOf('.');
  return dot === 36 ? { tenantId: value.slice(0, dot), secret: value.slice(dot + 1) } : null;
};

// Same lookup as findSession: by tenant and token hash, live sessions only.
const sessionSql = `SELECT id, subject_id FROM sessions
  WHERE tenant_id = $1 AND token_hash = $2 AND kind = 'staff' AND revoked_at IS NULL AND expires_at > now()`;

// staffMe's row plus the tenant fields it reads, in one query (the real server takes two for these).
const meSql = `SELECT s.id, s.login, s.name, s.role, s.status, st.id AS store_id, st.name AS store_name,
    t.id AS tenant_id, t.slug AS tenant_slug, t.name AS tenant_name
  FROM staff s
  JOIN tenants t ON t.id = s.tenant_id
  LEFT JOIN stores st ON st.tenant_id = s.tenant_id AND st.id = s.store_id
  WHERE s.tenant_id = $1 AND s.id = $2`;

type MeRow = {
  id: string;
  login: string;
  name: string;
  role: Role;
  status: string;
  store_id: string | null;
  store_name: string | null;
  tenant_id: string;
  tenant_slug: string;
  tenant_name: string;
};

app.get('/health', async () => {
  await pool.query('select 1');
  return { status: 'ok', db: 'ok' };
});

app.get('/me', async (req, reply) => {
  const cookie = staffCookie(req.headers.cookie);
  if (!cookie) return reply.status(401).send({ code: 'UNAUTHENTICATED', message: 'Not signed in' });
  const session = await pool.query<{ id: string; subject_id: string }>(sessionSql, [
    cookie.tenantId,
    sha256(cookie.secret),
  ]);
  const subjectId = session.rows[0]?.subject_id;
  if (!subjectId) return reply.status(401).send({ code: 'SESSION_EXPIRED', message: 'Session expired' });
  const { rows } = await pool.query<MeRow>(meSql, [cookie.tenantId, subjectId]);
  const row = rows[0];
  if (!row || row.status !== 'active')
    return reply.status(401).send({ code: 'SESSION_EXPIRED', message: 'Session expired' });
  // The same body the real endpoint sends, so both put the same bytes on the wire.
  return {
    kind: 'staff',
    csrfToken: sha256(`csrf|${cookie.secret}`),
    tenant: { id: row.tenant_id, slug: row.tenant_slug, name: row.tenant_name },
    staff: {
      id: row.id,
      login: row.login,
      name: row.name,
      role: row.role,
      store: row.store_id && row.store_name ? { id: row.store_id, name: row.store_name } : null,
    },
    permissions: [...roleGrants[row.role].permissions],
  };
});

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// The statements requestContexts.staff and staffMe send, in order, as drizzle writes them (parameters included).
const txSql = {
  session: `select "id", "subject_id", "last_seen_at" from "sessions" where ("sessions"."tenant_id" = $1 and "sessions"."token_hash" = $2
    and "sessions"."kind" = $3 and "sessions"."revoked_at" is null and "sessions"."expires_at" > $4)`,
  member: `select "id", "role", "store_id", "status" from "staff" where ("staff"."tenant_id" = $1 and "staff"."id" = $2)`,
  tenant: `select * from "tenants" where "tenants"."id" = $1`,
  me: `select "staff"."id", "staff"."login", "staff"."name", "staff"."role", "stores"."id", "stores"."name" from "staff"
    left join "stores" on ("stores"."tenant_id" = "staff"."tenant_id" and "stores"."id" = "staff"."store_id")
    where ("staff"."tenant_id" = $1 and "staff"."id" = $2)`,
};

app.get('/me-tx', async (req, reply) => {
  const cookie = staffCookie(req.headers.cookie);
  if (!cookie || !uuidPattern.test(cookie.tenantId))
    return reply.status(401).send({ code: 'UNAUTHENTICATED', message: 'Not signed in' });
  const { tenantId, secret } = cookie;
  const conn = await pool.connect();
  try {
    await conn.query(`BEGIN; SET LOCAL ROLE m4s_app; SET LOCAL app.tenant_id = '${tenantId}'`);
    const session = await conn.query<{ subject_id: string }>(txSql.session, [
      tenantId,
      sha256(secret),
      'staff',
      new Date(),
    ]);
    const subjectId = session.rows[0]?.subject_id;
    const member = subjectId
      ? (await conn.query<{ status: string }>(txSql.member, [tenantId, subjectId])).rows[0]
      : undefined;
    if (!subjectId || member?.status !== 'active') {
      await conn.query('ROLLBACK');
      return reply.status(401).send({ code: 'SESSION_EXPIRED', message: 'Session expired' });
    }
    const tenant = (await conn.query<{ id: string; slug: string; name: string }>(txSql.tenant, [tenantId])).rows[0];
    const row = (await conn.query({ text: txSql.me, values: [tenantId, subjectId], rowMode: 'array' })).rows[0] as
      string[] | undefined;
    await conn.query('COMMIT');
    if (!tenant || !row) return reply.status(401).send({ code: 'SESSION_EXPIRED', message: 'Session expired' });
    const [id, login, name, role, storeId, storeName] = row;
    return {
      kind: 'staff',
      csrfToken: sha256(`csrf|${secret}`),
      tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name },
      staff: { id, login, name, role, store: storeId && storeName ? { id: storeId, name: storeName } : null },
      permissions: [...roleGrants[role as Role].permissions],
    };
  } catch (error) {
    await conn.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    conn.release();
  }
});

type BookBody = {
  storeId: string;
  customerId: string;
  vehicleId: string;
  serviceTypeId: string;
  startsAt: string;
  durationMinutes: number;
  key: string;
};

/**
 * POST /book — a staff booking as a hand-written server would make it (bench/scale-booking.mjs compares the
 * real POST /api/bookings with it): the session as /me finds it, then in one transaction the store's cap from
 * its settings, the slot counter's guarded UPDATE (the real server's takePlace SQL) and the booking row.
 * Nothing else: no RLS, no checks of the slot against opening hours or advisors, no audit, inbox or reminder.
 */
app.post<{ Body: BookBody }>('/book', async (req, reply) => {
  const cookie = staffCookie(req.headers.cookie);
  if (!cookie) return reply.status(401).send({ code: 'UNAUTHENTICATED', message: 'Not signed in' });
  const { tenantId } = cookie;
  const session = await pool.query<{ subject_id: string }>(sessionSql, [tenantId, sha256(cookie.secret)]);
  const staffId = session.rows[0]?.subject_id;
  if (!staffId) return reply.status(401).send({ code: 'SESSION_EXPIRED', message: 'Session expired' });
  const b = req.body;
  const startsAt = new Date(b.startsAt);
  const conn = await pool.connect();
  try {
    await conn.query('BEGIN');
    const settings = await conn.query<{ bays: number; walk_in_share_pct: number }>(
      'SELECT bays, walk_in_share_pct FROM booking_settings WHERE tenant_id = $1 AND store_id = $2',
      [tenantId, b.storeId],
    );
    const s = settings.rows[0] ?? { bays: 4, walk_in_share_pct: 20 };
    const cap = s.bays - Math.ceil((s.bays * s.walk_in_share_pct) / 100);
    await conn.query(
      `INSERT INTO booking_slots (tenant_id, store_id, starts_at) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id, store_id, starts_at) DO NOTHING`,
      [tenantId, b.storeId, startsAt],
    );
    const taken = await conn.query(
      `UPDATE booking_slots SET total = total + 1
        WHERE tenant_id = $1 AND store_id = $2 AND starts_at = $3 AND total < $4 RETURNING id`,
      [tenantId, b.storeId, startsAt, cap],
    );
    if (taken.rowCount !== 1) {
      await conn.query('ROLLBACK');
      return reply.status(409).send({ code: 'SLOT_FULL', message: 'Slot full' });
    }
    const row = await conn.query<{ id: string }>(
      `INSERT INTO bookings (tenant_id, store_id, customer_id, vehicle_id, service_type_id, starts_at, ends_at,
         channel, concerns, idempotency_key, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'phone', '压测预约', $8, $9) RETURNING id`,
      [
        tenantId,
        b.storeId,
        b.customerId,
        b.vehicleId,
        b.serviceTypeId,
        startsAt,
        new Date(startsAt.getTime() + b.durationMinutes * 60_000),
        b.key,
        staffId,
      ],
    );
    await conn.query('COMMIT');
    return reply.status(201).send({ id: row.rows[0]?.id });
  } catch (error) {
    await conn.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    conn.release();
  }
});

const close = async () => {
  await app.close();
  await pool.end();
  process.exit(0);
};
process.on('SIGTERM', () => void close());
process.on('SIGINT', () => void close());

await app.listen({ port: Number(process.env.PORT ?? 0), host: process.env.HOST ?? '127.0.0.1' });
const address = app.server.address();
process.stdout.write(`baseline listening on ${typeof address === 'object' && address ? address.port : '?'}\n`);
