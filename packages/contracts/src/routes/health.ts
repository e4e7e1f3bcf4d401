import { healthResponse } from '../common.ts';
import { defineRoutes } from '../api/route.ts';

export const healthRoutes = defineRoutes({
  /** 200 when the database answers, 503 (same body, `degraded`) when it does not. */
  check: {
    method: 'GET',
    path: '/health',
    auth: 'public',
    response: healthResponse,
    status: [200, 503],
    tags: ['health'],
  },
});
