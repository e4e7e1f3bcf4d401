import { defineNightly } from '../../platform/nightly/nightly.ts';
import { snapshotNight } from './snapshot.service.ts';

/**
 * The KPI system's customer snapshot (docs/kpis.md): what moves by time alone (retained, lost, captured)
 * as of the night's day. After the classification (it reads the loyalty grades and CLV).
 */
export const kpiSnapshotNightly = defineNightly({
  name: 'kpis.snapshot',
  run: async (job, day) => job.step((ctx) => snapshotNight(ctx, day)),
});
