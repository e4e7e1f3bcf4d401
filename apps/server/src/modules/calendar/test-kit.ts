/** Helpers of the calendar tests and the cross-tenant suite. */
import { testApp, type TestTenant } from '../../../test/harness.ts';
import { tenantCalendarDays } from '../../platform/db/schema/index.ts';

/** The day tenant B closes in the cross-tenant suite: a day of its own calendar, as the platform writes it. */
export const calendarDayFor = async (t: TestTenant, day = '2026-03-09'): Promise<string> => {
  const { db } = await testApp();
  await db.transaction({ tenantId: t.id }, ({ db: tx }) =>
    tx.insert(tenantCalendarDays).values({ tenantId: t.id, day, kind: 'closed', note: '集团周年庆' }),
  );
  return day;
};
