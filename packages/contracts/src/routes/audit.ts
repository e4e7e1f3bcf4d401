import { auditList, auditQuery } from '../audit.ts';
import { defineRoutes } from '../api/route.ts';

export const auditRoutes = defineRoutes({
  list: {
    method: 'GET',
    path: '/audit',
    auth: 'staff',
    permission: 'audit.read',
    query: auditQuery,
    response: auditList,
    tags: ['audit'],
  },
});
