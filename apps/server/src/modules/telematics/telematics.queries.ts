import { and, count, desc, eq, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  telematicsAlerts,
  telematicsConsents,
  telematicsIntegrations,
  telematicsReadings,
  tenants,
} from '../../platform/db/schema/index.ts';
import { currentBindingSql } from '../../platform/db/current-binding.ts';
import { insertValues } from '../../platform/db/insert-values.ts';
import { col, parseRows } from '../../platform/db/rows.ts';
import type { SqlExecutor, Tx } from '../../platform/db/types.ts';

export type IntegrationRow = typeof telematicsIntegrations.$inferSelect;

/** The tenant's integrations with how many readings each has sent, newest first. */
export const integrationsWithCounts = async (db: Tx, tenantId: string) => {
  const counts = db
    .select({ integrationId: telematicsReadings.integrationId, n: count().as('n') })
    .from(telematicsReadings)
    .where(eq(telematicsReadings.tenantId, tenantId))
    .groupBy(telematicsReadings.integrationId)
    .as('counts');
  return db
    .select({ i: telematicsIntegrations, readings: sql<number>`coalesce(${counts.n}, 0)::int` })
    .from(telematicsIntegrations)
    .leftJoin(counts, eq(counts.integrationId, telematicsIntegrations.id))
    .where(eq(telematicsIntegrations.tenantId, tenantId))
    .orderBy(desc(telematicsIntegrations.createdAt), telematicsIntegrations.id);
};

export const findIntegration = async (db: Tx, tenantId: string, id: string) => {
  const [row] = await db
    .select()
    .from(telematicsIntegrations)
    .where(and(eq(telematicsIntegrations.tenantId, tenantId), eq(telematicsIntegrations.id, id)));
  return row ?? null;
};

export const insertIntegration = async (db: Tx, values: typeof telematicsIntegrations.$inferInsert) => {
  const [row] = await db.insert(telematicsIntegrations).values(values).returning();
  if (!row) throw new Error('integration insert returned nothing');
  return row;
};

export const revokeIntegration = async (db: Tx, tenantId: string, id: string, by: string, at: Date) => {
  await db
    .update(telematicsIntegrations)
    .set({ revokedAt: at, revokedBy: by })
    .where(
      and(
        eq(telematicsIntegrations.tenantId, tenantId),
        eq(telematicsIntegrations.id, id),
        isNull(telematicsIntegrations.revokedAt),
      ),
    );
};

/** The active integration whose key hashes to `keyHash`, or null (unknown or revoked). */
export const integrationByKey = async (db: Tx, tenantId: string, keyHash: string) => {
  const [row] = await db
    .select({ id: telematicsIntegrations.id, lastUsedAt: telematicsIntegrations.lastUsedAt })
    .from(telematicsIntegrations)
    .where(
      and(
        eq(telematicsIntegrations.tenantId, tenantId),
        eq(telematicsIntegrations.keyHash, keyHash),
        isNull(telematicsIntegrations.revokedAt),
      ),
    );
  return row ?? null;
};

/** Marks the integration used; at most once a minute, so concurrent batches do not queue on its row. */
export const touchIntegration = async (db: Tx, tenantId: string, id: string, now: Date) => {
  await db
    .update(telematicsIntegrations)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(telematicsIntegrations.tenantId, tenantId),
        eq(telematicsIntegrations.id, id),
        or(
          isNull(telematicsIntegrations.lastUsedAt),
          lt(telematicsIntegrations.lastUsedAt, new Date(now.getTime() - 60_000)),
        ),
      ),
    );
};

export const activeProviders = (db: Tx, tenantId: string) =>
  db
    .select({ name: telematicsIntegrations.name, provider: telematicsIntegrations.provider })
    .from(telematicsIntegrations)
    .where(and(eq(telematicsIntegrations.tenantId, tenantId), isNull(telematicsIntegrations.revokedAt)))
    .orderBy(telematicsIntegrations.createdAt, telematicsIntegrations.id);

export const tenantRules = async (db: Tx, tenantId: string) => {
  const [row] = await db
    .select({ rules: tenants.telematicsRules, shortName: tenants.shortName })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  return row ?? null;
};

export const setTenantRules = async (db: Tx, tenantId: string, rules: Record<string, unknown>) => {
  await db.update(tenants).set({ telematicsRules: rules }).where(eq(tenants.id, tenantId));
};

// ---- Consent -------------------------------------------------------------------------------------------

export const openConsent = async (db: Tx, tenantId: string, vehicleId: string, ownerId: string) => {
  const [row] = await db
    .select()
    .from(telematicsConsents)
    .where(
      and(
        eq(telematicsConsents.tenantId, tenantId),
        eq(telematicsConsents.vehicleId, vehicleId),
        eq(telematicsConsents.ownerId, ownerId),
        isNull(telematicsConsents.revokedAt),
      ),
    );
  return row ?? null;
};

/** Gives consent (a second give while one is open changes nothing: the unique index holds one open row). */
export const insertConsent = async (db: Tx, values: typeof telematicsConsents.$inferInsert) => {
  const [row] = await db.insert(telematicsConsents).values(values).onConflictDoNothing().returning();
  return row ?? null;
};

export const revokeConsent = async (db: Tx, tenantId: string, id: string, at: Date) => {
  await db
    .update(telematicsConsents)
    .set({ revokedAt: at })
    .where(and(eq(telematicsConsents.tenantId, tenantId), eq(telematicsConsents.id, id)));
};

export const consentsOfOwners = (db: Tx, tenantId: string, ownerIds: string[]) =>
  ownerIds.length === 0
    ? Promise.resolve([])
    : db
        .select()
        .from(telematicsConsents)
        .where(and(eq(telematicsConsents.tenantId, tenantId), inArray(telematicsConsents.ownerId, ownerIds)))
        .orderBy(telematicsConsents.givenAt);

export const deleteConsentsOfOwners = async (db: Tx, tenantId: string, ownerIds: string[]) => {
  if (ownerIds.length === 0) return;
  await db
    .delete(telematicsConsents)
    .where(and(eq(telematicsConsents.tenantId, tenantId), inArray(telematicsConsents.ownerId, ownerIds)));
};

export const latestReading = async (db: Tx, tenantId: string, vehicleId: string) => {
  const [row] = await db
    .select()
    .from(telematicsReadings)
    .where(and(eq(telematicsReadings.tenantId, tenantId), eq(telematicsReadings.vehicleId, vehicleId)))
    .orderBy(desc(telematicsReadings.readAt), desc(telematicsReadings.receivedAt))
    .limit(1);
  return row ?? null;
};

/** The readings of cars while they were shared by these accounts (the PIPL export). */
export const readingsOfVehicles = (db: Tx, tenantId: string, vehicleIds: string[]) =>
  vehicleIds.length === 0
    ? Promise.resolve([])
    : db
        .select()
        .from(telematicsReadings)
        .where(and(eq(telematicsReadings.tenantId, tenantId), inArray(telematicsReadings.vehicleId, vehicleIds)))
        .orderBy(telematicsReadings.readAt)
        .limit(10_000);

// ---- Ingest (set-based per batch) ------------------------------------------------------------------------

const carRow = z.object({
  id: col.text,
  vin: col.text,
  plate: col.textOrNull,
  customer_id: col.textOrNull,
  /** The owner accepts the app (inbox) as a channel. */
  app: z.boolean().nullable(),
  store_id: col.textOrNull,
  advisor_id: col.textOrNull,
  consented: z.boolean(),
});
export type IngestCar = z.output<typeof carRow>;

/**
 * The batch's cars by VIN, with whether a consent counts for each: given by an app account whose binding to
 * the car is confirmed, and not revoked. One statement for the whole batch.
 */
export const carsByVin = async (sql: SqlExecutor, tenantId: string, vins: string[]) =>
  parseRows(
    carRow,
    await sql.executeSql(
      `SELECT v.id, v.vin, v.plate, v.owner_id AS customer_id, 'app' = ANY(c.channels) AS app, COALESCE(c.home_store_id, v.selling_store_id) AS store_id,
          c.service_advisor_id AS advisor_id,
          EXISTS (SELECT 1 FROM telematics_consents k
            JOIN vehicle_bindings b ON b.tenant_id = k.tenant_id AND b.vehicle_id = k.vehicle_id
              AND b.owner_id = k.owner_id AND ${currentBindingSql('$1')}
            WHERE k.tenant_id = $1 AND k.vehicle_id = v.id AND k.revoked_at IS NULL) AS consented
        FROM vehicles v LEFT JOIN customers c ON c.tenant_id = v.tenant_id AND c.id = v.owner_id
        WHERE v.tenant_id = $1 AND v.vin = ANY($2::text[])`,
      [tenantId, vins],
    ),
    'telematics cars by VIN',
  );

/** The reading ids of the batch this integration already sent (one array parameter, whatever the batch). */
export const knownReadingIds = async (sql: SqlExecutor, tenantId: string, integrationId: string, ids: string[]) =>
  new Set(
    parseRows(
      z.object({ reading_id: col.text }),
      await sql.executeSql(
        `SELECT reading_id FROM telematics_readings
          WHERE tenant_id = $1 AND integration_id = $2 AND reading_id = ANY($3::text[])`,
        [tenantId, integrationId, ids],
      ),
      'telematics known reading ids',
    ).map((r) => r.reading_id),
  );

export type NewReading = {
  readingId: string;
  vehicleId: string;
  readAt: Date;
  odometerKm: number | null;
  faultCodes: string[];
  batteryVoltage: number | null;
  fuelPct: number | null;
  chargePct: number | null;
};

/**
 * Inserts the accepted readings as multi-row VALUES (platform/db/insert-values.ts: the bulk write Citus routes
 * to the tenant's shard); a reading id another request wrote meanwhile is skipped. Returns the reading ids
 * written.
 */
export const insertReadings = async (
  sql: SqlExecutor,
  input: { tenantId: string; integrationId: string; receivedAt: Date; rows: readonly NewReading[] },
) => {
  const written = await insertValues(sql, {
    into: 'telematics_readings',
    tenantId: input.tenantId,
    shared: { integration_id: input.integrationId, received_at: input.receivedAt.toISOString() },
    columns: [
      'reading_id',
      'vehicle_id',
      'read_at',
      'odometer_km',
      'fault_codes',
      'battery_voltage',
      'fuel_pct',
      'charge_pct',
    ],
    rows: input.rows.map((r) => [
      r.readingId,
      r.vehicleId,
      r.readAt.toISOString(),
      r.odometerKm,
      r.faultCodes,
      r.batteryVoltage,
      r.fuelPct,
      r.chargePct,
    ]),
    then: 'ON CONFLICT (tenant_id, integration_id, reading_id) DO NOTHING RETURNING reading_id',
  });
  return new Set(
    parseRows(z.object({ reading_id: col.text }), { rows: written }, 'telematics insert').map((r) => r.reading_id),
  );
};

/** The conditions raised for these cars since `since`. */
export const recentAlerts = (db: Tx, tenantId: string, vehicleIds: string[], since: Date) =>
  vehicleIds.length === 0
    ? Promise.resolve([])
    : db
        .select({
          vehicleId: telematicsAlerts.vehicleId,
          condition: telematicsAlerts.condition,
          raisedAt: telematicsAlerts.raisedAt,
        })
        .from(telematicsAlerts)
        .where(
          and(
            eq(telematicsAlerts.tenantId, tenantId),
            inArray(telematicsAlerts.vehicleId, vehicleIds),
            gt(telematicsAlerts.raisedAt, since),
          ),
        );

export const insertAlerts = async (db: Tx, values: (typeof telematicsAlerts.$inferInsert)[]) => {
  if (values.length > 0) await db.insert(telematicsAlerts).values(values);
};

const connectedRow = z.object({
  vehicle_id: col.text,
  vin: col.text,
  plate: col.textOrNull,
  since: col.instant,
  latest_km: col.numberOrNull,
  latest_km_at: col.instantOrNull,
  last_reading_at: col.instantOrNull,
});

/** The cars a consent counts for (open, binding confirmed), with their newest trusted odometer. */
export const connectedCars = async (sql: SqlExecutor, tenantId: string) =>
  parseRows(
    connectedRow,
    await sql.executeSql(
      `WITH shared AS (
         SELECT k.vehicle_id, min(k.given_at) AS since FROM telematics_consents k
           JOIN vehicle_bindings b ON b.tenant_id = k.tenant_id AND b.vehicle_id = k.vehicle_id
             AND b.owner_id = k.owner_id AND ${currentBindingSql('$1')}
          WHERE k.tenant_id = $1 AND k.revoked_at IS NULL GROUP BY k.vehicle_id)
       SELECT v.id AS vehicle_id, v.vin, v.plate, s.since, o.km AS latest_km, o.at AS latest_km_at,
         (SELECT max(r.read_at) FROM telematics_readings r WHERE r.tenant_id = $1 AND r.vehicle_id = v.id)
           AS last_reading_at
       FROM shared s JOIN vehicles v ON v.tenant_id = $1 AND v.id = s.vehicle_id
       LEFT JOIN LATERAL (
         SELECT x.km, x.at FROM (
           SELECT m.km, m.read_at AS at FROM mileage_readings m
            WHERE m.tenant_id = $1 AND m.vehicle_id = v.id AND m.flag IS NULL
           UNION ALL
           SELECT ro.mileage_km, ro.date_in FROM repair_orders ro
            WHERE ro.tenant_id = $1 AND ro.vehicle_id = v.id AND ro.mileage_km IS NOT NULL AND ro.mileage_flag IS NULL
         ) x ORDER BY x.km DESC, x.at DESC LIMIT 1) o ON true
       ORDER BY s.since, v.vin LIMIT 5000`,
      [tenantId],
    ),
    'telematics connected cars',
  );
