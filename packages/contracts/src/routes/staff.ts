import { idParams } from '../common.ts';
import { staffCreateBody, staffList, staffListQuery, staffMember, staffUpdateBody } from '../staff.ts';
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
});
