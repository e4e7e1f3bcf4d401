import { idParams } from '../common.ts';
import {
  staffCreateBody,
  staffList,
  staffListQuery,
  staffMember,
  staffPasswordReset,
  staffUpdateBody,
} from '../staff.ts';
import { defineRoutes } from '../api/route.ts';

const tags = ['staff'];

export const staffRoutes = defineRoutes({
  list: {
    method: 'GET',
    path: '/staff',
    auth: 'staff',
    permission: 'staff.read',
    query: staffListQuery,
    response: staffList,
    tags,
  },
  create: {
    method: 'POST',
    path: '/staff',
    auth: 'staff',
    permission: 'staff.write',
    body: staffCreateBody,
    response: staffMember,
    status: 201,
    tags,
  },
  get: {
    method: 'GET',
    path: '/staff/:id',
    auth: 'staff',
    permission: 'staff.read',
    params: idParams,
    response: staffMember,
    tags,
  },
  update: {
    method: 'PATCH',
    path: '/staff/:id',
    auth: 'staff',
    permission: 'staff.write',
    params: idParams,
    body: staffUpdateBody,
    response: staffMember,
    tags,
  },
  /** Clears the member's account lock and every per-address delay on their login (audited). */
  unlock: {
    method: 'POST',
    path: '/staff/:id/unlock',
    auth: 'staff',
    permission: 'staff.write',
    params: idParams,
    response: staffMember,
    tags,
  },
  /**
   * Sets a temporary password, shown once in the answer: the member must choose their own at the next
   * sign-in. Unlocks the account and signs the member out everywhere (audited).
   */
  passwordReset: {
    method: 'POST',
    path: '/staff/:id/password-reset',
    auth: 'staff',
    permission: 'staff.write',
    params: idParams,
    response: staffPasswordReset,
    tags,
  },
});
