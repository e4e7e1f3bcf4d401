import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { SurveyAnswers, SurveyDefinition } from '@m4s/contracts';
import { bindingIsCurrent } from '../../platform/db/current-binding.ts';
import {
  owners,
  questionnaireVersions,
  questionnaires,
  staff,
  stores,
  surveyResponses,
  vehicleBindings,
  vehicles,
  visits,
} from '../../platform/db/schema/index.ts';
import type { Tx } from '../../platform/db/types.ts';

export type QuestionnaireRow = typeof questionnaires.$inferSelect;
export type VersionRow = typeof questionnaireVersions.$inferSelect;

export const listQuestionnaires = (db: Tx, tenantId: string) =>
  db
    .select()
    .from(questionnaires)
    .where(eq(questionnaires.tenantId, tenantId))
    .orderBy(asc(questionnaires.createdAt), asc(questionnaires.name));

export const findQuestionnaire = async (db: Tx, tenantId: string, id: string) => {
  const [row] = await db
    .select()
    .from(questionnaires)
    .where(and(eq(questionnaires.tenantId, tenantId), eq(questionnaires.id, id)));
  return row ?? null;
};

/** Versions of these questionnaires, newest first within each. */
export const versionsOf = (db: Tx, tenantId: string, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .select()
        .from(questionnaireVersions)
        .where(and(eq(questionnaireVersions.tenantId, tenantId), inArray(questionnaireVersions.questionnaireId, ids)))
        .orderBy(desc(questionnaireVersions.number));

export const responseCounts = async (db: Tx, tenantId: string) => {
  const rows = await db
    .select({ id: surveyResponses.questionnaireId, n: count() })
    .from(surveyResponses)
    .where(and(eq(surveyResponses.tenantId, tenantId), sql`${surveyResponses.answeredAt} is not null`))
    .groupBy(surveyResponses.questionnaireId);
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
};

export const findVersion = async (db: Tx, tenantId: string, id: string) => {
  const [row] = await db
    .select({ v: questionnaireVersions, q: questionnaires })
    .from(questionnaireVersions)
    .innerJoin(
      questionnaires,
      and(
        eq(questionnaires.tenantId, questionnaireVersions.tenantId),
        eq(questionnaires.id, questionnaireVersions.questionnaireId),
      ),
    )
    .where(and(eq(questionnaireVersions.tenantId, tenantId), eq(questionnaireVersions.id, id)));
  return row ?? null;
};

export const insertQuestionnaire = async (db: Tx, values: typeof questionnaires.$inferInsert) => {
  const [row] = await db.insert(questionnaires).values(values).onConflictDoNothing().returning();
  return row ?? null;
};

export const insertVersion = async (db: Tx, values: typeof questionnaireVersions.$inferInsert) => {
  const [row] = await db.insert(questionnaireVersions).values(values).returning();
  if (!row) throw new Error('version insert returned nothing');
  return row;
};

export const touchQuestionnaire = (db: Tx, tenantId: string, id: string, set: { name?: string; updatedAt: Date }) =>
  db
    .update(questionnaires)
    .set(set)
    .where(and(eq(questionnaires.tenantId, tenantId), eq(questionnaires.id, id)));

/** Only a draft changes: a published version's definition is never written again. */
export const saveDraft = async (db: Tx, tenantId: string, questionnaireId: string, definition: SurveyDefinition) => {
  const rows = await db
    .update(questionnaireVersions)
    .set({ definition })
    .where(
      and(
        eq(questionnaireVersions.tenantId, tenantId),
        eq(questionnaireVersions.questionnaireId, questionnaireId),
        eq(questionnaireVersions.status, 'draft'),
      ),
    )
    .returning({ id: questionnaireVersions.id });
  return rows.length === 1;
};

/** The published version becomes superseded, then the draft is published (one of each at a time). */
export const publishDraft = async (
  db: Tx,
  tenantId: string,
  questionnaireId: string,
  by: { at: Date; staffId: string },
) => {
  const of = and(
    eq(questionnaireVersions.tenantId, tenantId),
    eq(questionnaireVersions.questionnaireId, questionnaireId),
  );
  await db
    .update(questionnaireVersions)
    .set({ status: 'superseded' })
    .where(and(of, eq(questionnaireVersions.status, 'published')));
  const rows = await db
    .update(questionnaireVersions)
    .set({ status: 'published', publishedAt: by.at, publishedBy: by.staffId })
    .where(and(of, eq(questionnaireVersions.status, 'draft')))
    .returning({ id: questionnaireVersions.id });
  return rows.length === 1;
};

export const templateKeysOf = async (db: Tx, tenantId: string) =>
  new Set(
    (
      await db
        .select({ key: questionnaires.templateKey })
        .from(questionnaires)
        .where(and(eq(questionnaires.tenantId, tenantId), sql`${questionnaires.templateKey} is not null`))
    ).map((r) => r.key),
  );

/** The published version of the tenant's owner-app survey, if it has one. */
export const ownerSurveyVersion = async (db: Tx, tenantId: string) => {
  const [row] = await db
    .select({ v: questionnaireVersions, q: questionnaires })
    .from(questionnaires)
    .innerJoin(
      questionnaireVersions,
      and(
        eq(questionnaireVersions.tenantId, questionnaires.tenantId),
        eq(questionnaireVersions.questionnaireId, questionnaires.id),
        eq(questionnaireVersions.status, 'published'),
      ),
    )
    .where(and(eq(questionnaires.tenantId, tenantId), eq(questionnaires.ownerSurvey, true)));
  return row ?? null;
};

export const insertResponse = async (db: Tx, values: typeof surveyResponses.$inferInsert) => {
  const [row] = await db
    .insert(surveyResponses)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: surveyResponses.id });
  return row?.id ?? null;
};

const withNames = (db: Tx) =>
  db
    .select({
      r: surveyResponses,
      name: questionnaires.name,
      number: questionnaireVersions.number,
      definition: questionnaireVersions.definition,
      recorderName: staff.name,
      plate: vehicles.plate,
      storeName: stores.name,
    })
    .from(surveyResponses)
    .innerJoin(
      questionnaires,
      and(
        eq(questionnaires.tenantId, surveyResponses.tenantId),
        eq(questionnaires.id, surveyResponses.questionnaireId),
      ),
    )
    .innerJoin(
      questionnaireVersions,
      and(
        eq(questionnaireVersions.tenantId, surveyResponses.tenantId),
        eq(questionnaireVersions.id, surveyResponses.versionId),
      ),
    )
    .leftJoin(staff, and(eq(staff.tenantId, surveyResponses.tenantId), eq(staff.id, surveyResponses.recordedBy)))
    .leftJoin(
      vehicles,
      and(eq(vehicles.tenantId, surveyResponses.tenantId), eq(vehicles.id, surveyResponses.vehicleId)),
    )
    .leftJoin(stores, and(eq(stores.tenantId, surveyResponses.tenantId), eq(stores.id, surveyResponses.storeId)));

export type ResponseRow = Awaited<ReturnType<typeof findResponse>> & object;

export const findResponse = async (db: Tx, tenantId: string, id: string) => {
  const [row] = await withNames(db).where(and(eq(surveyResponses.tenantId, tenantId), eq(surveyResponses.id, id)));
  return row ?? null;
};

export const responsesOfCustomer = (db: Tx, tenantId: string, customerId: string) =>
  withNames(db)
    .where(and(eq(surveyResponses.tenantId, tenantId), eq(surveyResponses.customerId, customerId)))
    .orderBy(desc(surveyResponses.createdAt), desc(surveyResponses.id));

/** An owner's invitation: theirs only (another account's id is as unknown as a made-up one). */
export const findOwnerResponse = async (db: Tx, tenantId: string, ownerId: string, id: string) => {
  const [row] = await withNames(db).where(
    and(eq(surveyResponses.tenantId, tenantId), eq(surveyResponses.id, id), eq(surveyResponses.ownerId, ownerId)),
  );
  return row ?? null;
};

export const ownerResponses = (db: Tx, tenantId: string, ownerId: string) =>
  withNames(db)
    .where(and(eq(surveyResponses.tenantId, tenantId), eq(surveyResponses.ownerId, ownerId)))
    .orderBy(desc(surveyResponses.createdAt), desc(surveyResponses.id));

export const appResponseOfVisit = async (db: Tx, tenantId: string, visitId: string) => {
  const [row] = await db
    .select()
    .from(surveyResponses)
    .where(
      and(
        eq(surveyResponses.tenantId, tenantId),
        eq(surveyResponses.visitId, visitId),
        eq(surveyResponses.channel, 'app'),
      ),
    );
  return row ?? null;
};

/** Writes answers while the invitation is still open: of two concurrent answers, the second finds nothing. */
export const answerResponse = async (
  db: Tx,
  tenantId: string,
  id: string,
  set: { answers: SurveyAnswers; status: 'partial' | 'complete' | 'terminated'; answeredAt: Date | null },
) => {
  const rows = await db
    .update(surveyResponses)
    .set(set)
    .where(
      and(
        eq(surveyResponses.tenantId, tenantId),
        eq(surveyResponses.id, id),
        inArray(surveyResponses.status, ['invited', 'partial']),
      ),
    )
    .returning({ id: surveyResponses.id });
  return rows.length === 1;
};

/**
 * The visit's rating is the survey's first answer: answered in the survey, it is the visit's rating too
 * (what the visit page shows), unless the visit was rated already.
 */
export const mirrorVisitRating = (
  db: Tx,
  tenantId: string,
  visitId: string,
  set: { ratingScore: number; ratingComment: string | null; ratedAt: Date },
) =>
  db
    .update(visits)
    .set(set)
    .where(and(eq(visits.tenantId, tenantId), eq(visits.id, visitId), sql`${visits.ratedAt} is null`));

/** The visit as the invitation needs it, once delivered. */
export const deliveredVisit = async (db: Tx, tenantId: string, visitId: string) => {
  const [row] = await db
    .select({
      id: visits.id,
      customerId: visits.customerId,
      vehicleId: visits.vehicleId,
      storeId: visits.storeId,
      deliveredAt: visits.deliveredAt,
      plate: vehicles.plate,
      storeName: stores.name,
    })
    .from(visits)
    .innerJoin(vehicles, and(eq(vehicles.tenantId, visits.tenantId), eq(vehicles.id, visits.vehicleId)))
    .innerJoin(stores, and(eq(stores.tenantId, visits.tenantId), eq(stores.id, visits.storeId)))
    .where(and(eq(visits.tenantId, tenantId), eq(visits.id, visitId), eq(visits.status, 'delivered')));
  return row ?? null;
};

/** The car's first confirmed app account (by when it signed up): the one the survey invites. */
export const firstOwnerOf = async (db: Tx, tenantId: string, vehicleId: string) => {
  const [row] = await db
    .select({ id: owners.id })
    .from(vehicleBindings)
    .innerJoin(owners, and(eq(owners.tenantId, vehicleBindings.tenantId), eq(owners.id, vehicleBindings.ownerId)))
    .where(
      and(eq(vehicleBindings.tenantId, tenantId), eq(vehicleBindings.vehicleId, vehicleId), bindingIsCurrent(tenantId)),
    )
    .orderBy(asc(owners.createdAt), asc(owners.id))
    .limit(1);
  return row?.id ?? null;
};

/**
 * Erasure: the answers stay (scores, choices: the indices are the dealer's), what the person wrote goes, and
 * the link to their app accounts (deleted with them).
 */
export const blankResponsesOf = async (db: Tx, tenantId: string, customerId: string, ownerIds: string[]) => {
  const stripped = sql`(SELECT coalesce(jsonb_object_agg(e.key, e.value - 'text'), '{}'::jsonb) FROM jsonb_each(${surveyResponses.answers}) e)`;
  await db
    .update(surveyResponses)
    .set({ answers: sql`${stripped}`, ownerId: null })
    .where(and(eq(surveyResponses.tenantId, tenantId), eq(surveyResponses.customerId, customerId)));
  if (ownerIds.length > 0)
    await db
      .update(surveyResponses)
      .set({ ownerId: null })
      .where(and(eq(surveyResponses.tenantId, tenantId), inArray(surveyResponses.ownerId, ownerIds)));
};
