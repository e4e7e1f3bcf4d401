import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Permission, Role } from '@m4s/contracts';
import { authorize } from './permissions.ts';

const storeA = '00000000-0000-4000-8000-00000000000a';
const storeB = '00000000-0000-4000-8000-00000000000b';
const me = '00000000-0000-4000-8000-0000000000e1';
const colleague = '00000000-0000-4000-8000-0000000000e2';

const actor = (role: Role, storeId: string | null = storeA) => ({
  kind: 'staff' as const,
  id: me,
  role,
  storeId,
  customerScope: 'group' as const,
  sessionId: 's',
  csrfToken: 'c',
});

/** role, permission, the row (store, assignee), allowed? */
const cases: [Role, Permission, { storeId: string | null; staffId?: string } | undefined, boolean][] = [
  ['group_admin', 'store.write', { storeId: null }, true],
  ['group_admin', 'staff.write', { storeId: storeB }, true],
  ['store_manager', 'store.write', { storeId: null }, false],
  ['store_manager', 'store.write', { storeId: storeA }, true],
  ['store_manager', 'staff.write', { storeId: storeB }, false],
  ['store_manager', 'tenant.brand', undefined, false],
  ['service_advisor', 'store.read', { storeId: storeA }, true],
  ['service_advisor', 'store.read', { storeId: storeB }, false],
  ['service_advisor', 'store.read', { storeId: storeA, staffId: me }, true],
  ['service_advisor', 'store.read', { storeId: storeA, staffId: colleague }, false],
  ['service_advisor', 'staff.write', undefined, false],
  ['sales_consultant', 'audit.read', undefined, false],
  ['cs_specialist', 'store.read', { storeId: storeA, staffId: colleague }, true],
  ['oem_viewer', 'store.read', { storeId: storeB }, true],
  ['oem_viewer', 'store.write', { storeId: storeB }, false],
  ['cashier', 'staff.read', { storeId: storeA }, true],
];

describe('authorize: role permissions and row scope', () => {
  for (const [role, permission, row, allowed] of cases) {
    test(`${role} ${permission} ${row ? JSON.stringify(row) : '(no row)'} → ${allowed ? 'allowed' : 'forbidden'}`, () => {
      const run = () => authorize(actor(role), permission, row);
      if (allowed) assert.doesNotThrow(run);
      else assert.throws(run, /FORBIDDEN/);
    });
  }
});
