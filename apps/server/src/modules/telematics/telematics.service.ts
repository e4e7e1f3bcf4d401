import {
  integrationKeyHeader,
  telematicsBatch,
  telematicsLimits,
  telematicsRefusalMessages,
  telematicsSharedData,
  type Locale,
  type OwnerCarTelematics,
  type TelematicsCar,
  type TelematicsIngestResult,
  type TelematicsIntegration,
  type TelematicsIntegrationInput,
  type TelematicsIntegrationWithKey,
  type TelematicsReading,
  type TelematicsRefusal,
  type TelematicsRules,
  faultCodeMeaning,
} from '@m4s/contracts';
import type { z } from 'zod';
import { audit } from '../../platform/audit.ts';
import type { Ctx, OwnerCtx, StaffCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { tenantSuspended } from '../../platform/tenant-status.ts';
import { runGate, stage, type TouchCandidate } from '../contact/gate.ts';
import { bindingsOfOwner } from '../garage/garage.service.ts';
import { checkReading, insertReadings as insertMileage, readingsOfMany } from '../vehicles/vehicles.service.ts';
import { newIntegrationKey, parseIntegrationKey } from './keys.ts';
import { batteryMessage, conditionsOf, faultTask, rulesOf, windowDaysOf } from './rules.ts';
import * as q from './telematics.queries.ts';

export { integrationKeyHeader, parseIntegrationKey };

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const dayMs = 86_400_000;

/**
 * A telematics odometer joins the car's mileage series (and so its km/day fit and forecast) when the newest
 * trusted reading is at least this many days older: the fit reads the newest six readings over at least 30
 * days (vehicles/mileage.ts), which a reading every few minutes would crowd into one afternoon.
 */
export const mileageEveryDays = 7;

// ---- The admin's integrations --------------------------------------------------------------------------

const present = (i: q.IntegrationRow, readings = 0): TelematicsIntegration => ({
  id: i.id,
  name: i.name,
  provider: i.provider,
  keyPrefix: i.keyPrefix,
  active: i.revokedAt === null,
  createdAt: i.createdAt.toISOString(),
  revokedAt: iso(i.revokedAt),
  lastUsedAt: iso(i.lastUsedAt),
  readings,
});

export const listIntegrations = async (ctx: StaffCtx): Promise<TelematicsIntegration[]> =>
  (await q.integrationsWithCounts(ctx.db, ctx.tenantId)).map((r) => present(r.i, r.readings));

/** A provider's integration; its key is in this answer and nowhere else, ever (kept hashed). */
export const createIntegration = async (
  ctx: StaffCtx,
  input: TelematicsIntegrationInput,
): Promise<TelematicsIntegrationWithKey> => {
  const { key, hash, prefix } = newIntegrationKey(ctx.tenantId);
  const row = await q.insertIntegration(ctx.db, {
    tenantId: ctx.tenantId,
    name: input.name,
    provider: input.provider,
    keyPrefix: prefix,
    keyHash: hash,
    createdBy: ctx.actor.id,
    createdAt: ctx.clock.now(),
  });
  await audit(ctx, {
    action: 'telematics.integration_created',
    target: { type: 'telematics_integration', id: row.id },
    details: { name: row.name, provider: row.provider },
  });
  return { integration: present(row), key };
};

/** Revokes the key for good: the provider's next batch is a 401. Revoking twice changes nothing. */
export const revokeIntegration = async (ctx: StaffCtx, id: string): Promise<TelematicsIntegration> => {
  const before = await q.findIntegration(ctx.db, ctx.tenantId, id);
  if (!before) throw new AppError('NOT_FOUND');
  if (before.revokedAt === null) {
    await q.revokeIntegration(ctx.db, ctx.tenantId, id, ctx.actor.id, ctx.clock.now());
    await audit(ctx, {
      action: 'telematics.integration_revoked',
      target: { type: 'telematics_integration', id },
      details: { name: before.name },
    });
  }
  const [row] = (await q.integrationsWithCounts(ctx.db, ctx.tenantId)).filter((r) => r.i.id === id);
  if (!row) throw new AppError('NOT_FOUND');
  return present(row.i, row.readings);
};

/** The cars whose owner consented: what the admin sees shared, and what the simulator feeds. */
export const connectedCars = async (ctx: StaffCtx): Promise<TelematicsCar[]> =>
  (await q.connectedCars(ctx.sql, ctx.tenantId)).map((r) => ({
    vehicleId: r.vehicle_id,
    vin: r.vin,
    plate: r.plate,
    consentSince: r.since.toISOString(),
    latestKm: r.latest_km,
    latestKmAt: iso(r.latest_km_at),
    lastReadingAt: iso(r.last_reading_at),
  }));

/** The tenant's rules (its tuning over the defaults). */
export const getRules = async (ctx: StaffCtx): Promise<TelematicsRules> =>
  rulesOf((await q.tenantRules(ctx.db, ctx.tenantId))?.rules);

/** Tunes the rules (audited with what changed); they apply from the next batch. */
export const putRules = async (ctx: StaffCtx, input: TelematicsRules): Promise<TelematicsRules> => {
  const before = await getRules(ctx);
  await q.setTenantRules(ctx.db, ctx.tenantId, input);
  const changed = (Object.keys(input) as (keyof TelematicsRules)[]).filter((k) => before[k] !== input[k]);
  await audit(ctx, { action: 'telematics.rules_updated', details: { changed } });
  return getRules(ctx);
};

// ---- The owner's consent ----------------------------------------------------------------------------------

/** The car, if this account's binding to it is confirmed; anyone else is told there is no such car. */
const ownCar = async (ctx: OwnerCtx, vehicleId: string) => {
  const rows = await bindingsOfOwner(ctx.db, ctx.tenantId, ctx.actor.id);
  const row = rows.find((r) => r.v.id === vehicleId && r.current);
  if (!row) throw new AppError('NOT_FOUND');
  return row.v;
};

const ownerView = async (ctx: OwnerCtx, vehicleId: string): Promise<OwnerCarTelematics> => {
  const [consent, providers, tenant, latest] = await Promise.all([
    q.openConsent(ctx.db, ctx.tenantId, vehicleId, ctx.actor.id),
    q.activeProviders(ctx.db, ctx.tenantId),
    q.tenantRules(ctx.db, ctx.tenantId),
    q.latestReading(ctx.db, ctx.tenantId, vehicleId),
  ]);
  return {
    vehicleId,
    consent: consent ? { givenAt: consent.givenAt.toISOString() } : null,
    shares: [...telematicsSharedData],
    dealerName: tenant?.shortName ?? '',
    providers,
    // What was received while the car was shared (shown only while it is).
    latest:
      consent && latest
        ? {
            at: latest.readAt.toISOString(),
            odometerKm: latest.odometerKm,
            batteryVoltage: latest.batteryVoltage,
            fuelPct: latest.fuelPct,
            chargePct: latest.chargePct,
            faultCodes: latest.faultCodes.map((code) => ({
              code,
              meaning: faultCodeMeaning(code, ctx.request.locale),
            })),
          }
        : null,
  };
};

export const ownerCar = async (ctx: OwnerCtx, vehicleId: string) => {
  await ownCar(ctx, vehicleId);
  return ownerView(ctx, vehicleId);
};

/** The owner consents to the car's readings being shared (audited); giving it again changes nothing. */
export const giveConsent = async (ctx: OwnerCtx, vehicleId: string) => {
  await ownCar(ctx, vehicleId);
  if (!(await q.openConsent(ctx.db, ctx.tenantId, vehicleId, ctx.actor.id))) {
    const row = await q.insertConsent(ctx.db, {
      tenantId: ctx.tenantId,
      vehicleId,
      ownerId: ctx.actor.id,
      givenAt: ctx.clock.now(),
    });
    if (row)
      await audit(ctx, {
        action: 'telematics.consent_given',
        target: { type: 'vehicle', id: vehicleId },
        details: { shares: [...telematicsSharedData] },
      });
  }
  return ownerView(ctx, vehicleId);
};

/** The owner withdraws the consent (audited): from now on the car's readings are refused (no_consent). */
export const revokeConsent = async (ctx: OwnerCtx, vehicleId: string) => {
  await ownCar(ctx, vehicleId);
  const open = await q.openConsent(ctx.db, ctx.tenantId, vehicleId, ctx.actor.id);
  if (open) {
    await q.revokeConsent(ctx.db, ctx.tenantId, open.id, ctx.clock.now());
    await audit(ctx, { action: 'telematics.consent_revoked', target: { type: 'vehicle', id: vehicleId } });
  }
  return ownerView(ctx, vehicleId);
};

// ---- Ingest ------------------------------------------------------------------------------------------------

type Accepted = { reading: TelematicsReading; car: q.IngestCar; at: Date; joinsSeries: boolean };

/**
 * The integration the key names, in the key's tenant (the caller opened its transaction), or a 401. A
 * suspended tenant takes no readings.
 */
export const authenticate = async (ctx: Ctx, keyHash: string) => {
  const integration = await q.integrationByKey(ctx.db, ctx.tenantId, keyHash);
  if (!integration) throw new AppError('INTEGRATION_KEY_INVALID');
  if (await tenantSuspended(ctx.db, ctx.tenantId)) throw new AppError('TENANT_SUSPENDED');
  return integration;
};

/**
 * One batch (validated by the route's schema), in one transaction (set-based: a handful of statements whatever
 * its size). Each reading is a
 * duplicate (this integration sent its id before, or the batch repeats it), refused with its reason, or
 * accepted: stored, its odometer joined to the mileage series (the one check, vehicles/mileage.ts), and the
 * rules run over it — battery low → a message, fault codes → an advisor's task, through the contact gate.
 */
export const ingest = async (
  ctx: Ctx,
  integrationId: string,
  batch: z.output<typeof telematicsBatch>,
  locale: Locale,
): Promise<TelematicsIngestResult> => {
  const { readings } = batch;
  const now = ctx.clock.now();
  await q.touchIntegration(ctx.db, ctx.tenantId, integrationId, now);
  const ids = [...new Set(readings.map((r) => r.id))];
  const [known, cars] = await Promise.all([
    q.knownReadingIds(ctx.sql, ctx.tenantId, integrationId, ids),
    q.carsByVin(ctx.sql, ctx.tenantId, [...new Set(readings.map((r) => r.vin))]),
  ]);
  const byVin = new Map(cars.map((c) => [c.vin, c]));
  const series = await readingsOfMany(
    ctx.sql,
    ctx.tenantId,
    cars.filter((c) => c.consented).map((c) => c.id),
  );
  const futureLimit = now.getTime() + telematicsLimits.futureToleranceSeconds * 1000;
  const duplicates: string[] = [];
  const refused: TelematicsIngestResult['refused'] = [];
  const accepted: Accepted[] = [];
  const seen = new Set<string>();
  const refuse = (id: string, reason: TelematicsRefusal) =>
    refused.push({ id, reason, message: telematicsRefusalMessages[locale][reason] });
  for (const reading of readings) {
    if (seen.has(reading.id) || known.has(reading.id)) {
      duplicates.push(reading.id);
      continue;
    }
    seen.add(reading.id);
    const car = byVin.get(reading.vin);
    if (!car) {
      refuse(reading.id, 'unknown_vin');
      continue;
    }
    if (!car.consented) {
      refuse(reading.id, 'no_consent');
      continue;
    }
    const at = new Date(reading.at);
    if (at.getTime() > futureLimit) {
      refuse(reading.id, 'future_time');
      continue;
    }
    let joinsSeries = false;
    if (reading.odometerKm !== null && reading.odometerKm !== undefined) {
      const trusted = series.get(car.id) ?? [];
      const problem = checkReading(trusted, { at, km: reading.odometerKm });
      if (problem) {
        refuse(reading.id, problem);
        continue;
      }
      const newest = trusted.reduce((m, r) => Math.max(m, r.at.getTime()), -Infinity);
      joinsSeries = at.getTime() - newest >= mileageEveryDays * dayMs;
      if (joinsSeries) trusted.push({ at, km: reading.odometerKm });
    }
    accepted.push({ reading, car, at, joinsSeries });
  }
  const written = await q.insertReadings(ctx.sql, {
    tenantId: ctx.tenantId,
    integrationId,
    receivedAt: now,
    rows: accepted.map(({ reading, car, at }) => ({
      readingId: reading.id,
      vehicleId: car.id,
      readAt: at,
      odometerKm: reading.odometerKm ?? null,
      faultCodes: reading.faultCodes,
      batteryVoltage: reading.batteryVoltage ?? null,
      fuelPct: reading.fuelPct ?? null,
      chargePct: reading.chargePct ?? null,
    })),
  });
  // A reading id another request wrote meanwhile is that request's: a duplicate here.
  const taken = accepted.filter((a) => written.has(a.reading.id));
  for (const a of accepted) if (!written.has(a.reading.id)) duplicates.push(a.reading.id);
  // The mileage series (source 'telematics'); its insert marks the owner for re-classification (the
  // segments triggers of migration 0015), which recomputes the forecast the next night.
  await insertMileage(
    ctx.db,
    taken
      .filter((a) => a.joinsSeries)
      .map((a) => ({
        tenantId: ctx.tenantId,
        vehicleId: a.car.id,
        readAt: a.at,
        km: a.reading.odometerKm ?? 0,
        source: 'telematics' as const,
        createdAt: now,
      })),
  );
  await raiseAlerts(ctx, integrationId, taken);
  return { accepted: taken.map((a) => a.reading.id), duplicates, refused };
};

/**
 * The rules over the accepted readings: each car's new conditions (not raised within their window), one
 * touch per car and kind — the battery message, one advisor task listing the new fault codes — staged
 * together and decided by the contact gate in one run; each condition is recorded with the gate's decision.
 */
const raiseAlerts = async (ctx: Ctx, integrationId: string, taken: readonly Accepted[]) => {
  if (taken.length === 0) return;
  const now = ctx.clock.now();
  const tenant = await q.tenantRules(ctx.db, ctx.tenantId);
  const rules = rulesOf(tenant?.rules);
  const wanted = new Map<string, { a: Accepted; condition: string }>();
  for (const a of taken) {
    if (!a.car.customer_id) continue;
    for (const condition of conditionsOf(a.reading, rules)) {
      const key = `${a.car.id}|${condition}`;
      const prev = wanted.get(key);
      if (!prev || prev.a.at < a.at) wanted.set(key, { a, condition });
    }
  }
  if (wanted.size === 0) return;
  const longest = Math.max(rules.batteryWindowDays, rules.faultWindowDays);
  const recent = await q.recentAlerts(
    ctx.db,
    ctx.tenantId,
    [...new Set([...wanted.values()].map((w) => w.a.car.id))],
    new Date(now.getTime() - longest * dayMs),
  );
  for (const r of recent)
    if (r.raisedAt.getTime() > now.getTime() - windowDaysOf(r.condition, rules) * dayMs)
      wanted.delete(`${r.vehicleId}|${r.condition}`);
  if (wanted.size === 0) return;

  // Per car: the battery condition, and the fault codes together (one task).
  const perCar = new Map<string, { battery?: Accepted; faults: { a: Accepted; code: string }[] }>();
  for (const { a, condition } of wanted.values()) {
    const entry = perCar.get(a.car.id) ?? { faults: [] };
    if (condition === 'battery_low') entry.battery = a;
    else entry.faults.push({ a, code: condition.slice('fault:'.length) });
    perCar.set(a.car.id, entry);
  }
  const shortName = tenant?.shortName ?? '';
  const candidates: TouchCandidate[] = [];
  const conditionsOfKey = new Map<string, { vehicleId: string; condition: string; readingId: string }[]>();
  for (const [vehicleId, entry] of perCar) {
    if (entry.faults.length > 0) {
      const newest = entry.faults.reduce((m, f) => (f.a.at > m.a.at ? f : m));
      const car = newest.a.car;
      const codes = entry.faults.map((f) => f.code).sort();
      const task = faultTask(codes, car.plate);
      const dedupeKey = `telematics:${integrationId}:${newest.a.reading.id}:faults`;
      conditionsOfKey.set(
        dedupeKey,
        entry.faults.map((f) => ({ vehicleId, condition: `fault:${f.code}`, readingId: f.a.reading.id })),
      );
      candidates.push({
        customerId: String(car.customer_id),
        vehicleId,
        source: 'telematics',
        ruleKey: null,
        topic: 'maintenance',
        kind: 'care',
        channel: 'call',
        dueAt: now,
        dedupeKey,
        // A fault goes before the battery message when a cap allows only one.
        priority: 40,
        subject: null,
        body: task.script,
        taskTitle: task.title,
        taskRole: 'service_advisor',
        storeId: car.store_id,
        assigneeId: car.advisor_id,
      });
    }
    if (entry.battery) {
      const a = entry.battery;
      const dedupeKey = `telematics:${integrationId}:${a.reading.id}:battery_low`;
      conditionsOfKey.set(dedupeKey, [{ vehicleId, condition: 'battery_low', readingId: a.reading.id }]);
      candidates.push({
        customerId: String(a.car.customer_id),
        vehicleId,
        source: 'telematics',
        ruleKey: null,
        topic: 'maintenance',
        kind: 'care',
        channel: a.car.app ? 'inbox' : 'sms',
        dueAt: now,
        dedupeKey,
        priority: 50,
        subject: '电池电量低',
        body: batteryMessage(shortName, a.car.plate),
        taskTitle: null,
        taskRole: null,
        storeId: a.car.store_id,
        assigneeId: null,
      });
    }
  }
  await stage(ctx, candidates);
  const outcomes = await runGate(ctx, { dryRun: false });
  await q.insertAlerts(
    ctx.db,
    outcomes.flatMap((o) =>
      (conditionsOfKey.get(o.dedupeKey) ?? []).map((c) => ({
        tenantId: ctx.tenantId,
        vehicleId: c.vehicleId,
        condition: c.condition,
        raisedAt: now,
        readingId: c.readingId,
        decision: o.decision,
        reason: o.reason,
      })),
    ),
  );
};
