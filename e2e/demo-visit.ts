// The demo's open visit of 13800000001's car (沪AK2736, in the bay at 浦东 when the demo starts), finished and
// handed back through the staff API — for the browser tests that need a delivered visit (the owner's survey).
import assert from 'node:assert/strict';
import type { Api } from './staff-api.ts';

export const demoPlate = '沪AK2736';

type Row = { id: string; plate: string | null };
type Board = Record<'checkedIn' | 'inProgress' | 'ready', Row[]>;
type Visit = {
  status: string;
  customer: { id: string };
  lines: { id: string; status: string }[];
  totals: { approvedFen: number };
};

/** Approves its proposed lines, moves it on to ready and delivers it; returns the visit, customer and store. */
export const deliverDemoVisit = async (api: Api): Promise<{ visitId: string; customerId: string; storeId: string }> => {
  const stores = await api.get<{ items: { id: string; code: string }[] }>('/stores');
  const store = stores.items.find((s) => s.code === 'SH-PD');
  assert.ok(store);
  const board = await api.get<Board>(`/visits/board?storeId=${store.id}`);
  const open = [...board.checkedIn, ...board.inProgress, ...board.ready].find((v) => v.plate === demoPlate);
  assert.ok(open, 'the demo visit of the owner’s car');
  const onward: Partial<Record<string, string>> = {
    checked_in: 'in_bay',
    in_bay: 'quality_check',
    waiting_parts: 'in_bay',
    quality_check: 'ready',
  };
  let v = await api.get<Visit>(`/visits/${open.id}`);
  for (const line of v.lines.filter((l) => l.status === 'proposed'))
    v = await api.send<Visit>('POST', `/visits/${open.id}/lines/${line.id}/decision`, {
      decision: 'approved',
      via: 'phone',
    });
  for (let next = onward[v.status]; next; next = onward[v.status])
    v = await api.send<Visit>('POST', `/visits/${open.id}/status`, { status: next, note: null });
  await api.send('POST', `/visits/${open.id}/deliver`, {
    payment: { method: 'cash', amountFen: v.totals.approvedFen },
  });
  return { visitId: open.id, customerId: v.customer.id, storeId: store.id };
};
