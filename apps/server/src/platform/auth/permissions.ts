import { roleGrants, type Permission } from '@m4s/contracts';
import { AppError } from '../errors.ts';
import type { StaffActor } from '../context.ts';

/** What a row carries for scoping: the store it lives in, and the staff member it belongs to, if any. */
export type RowOwner = { storeId: string | null; staffId?: string | null };

/**
 * The one permission check. A role must hold the permission, and the row must sit inside the role's
 * scope: group roles reach every row, store roles their own store's, "own" roles the rows assigned
 * to them (or, where a row has no assignee, their store's). Throws FORBIDDEN.
 */
export const authorize = (actor: StaffActor, permission: Permission, row?: RowOwner): void => {
  const grant = roleGrants[actor.role];
  if (!grant.permissions.includes(permission)) throw new AppError('FORBIDDEN');
  if (!row || grant.scope === 'group') return;
  const sameStore = row.storeId !== null && row.storeId === actor.storeId;
  if (grant.scope === 'store' && sameStore) return;
  if (grant.scope === 'own' && (row.staffId ? row.staffId === actor.id : sameStore)) return;
  throw new AppError('FORBIDDEN');
};

/** The store a list is narrowed to for this actor, or null when the actor sees the whole group. */
export const storeScope = (actor: StaffActor): string | null =>
  roleGrants[actor.role].scope === 'group' ? null : (actor.storeId ?? '00000000-0000-0000-0000-000000000000');

export const permissionsOf = (actor: StaffActor): Permission[] => [...roleGrants[actor.role].permissions];
