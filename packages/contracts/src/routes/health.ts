import { healthResponse } from '../common.ts';
import { defineRoutes } from '../api/route.ts';

export const healthRoutes = defineRoutes({
  /**
   * Liveness: 200 while the process is up and its last database round trip succeeded, 503 (same body,
   * `degraded`) when it failed; answered without waiting in the database's queue (a long export on the
   * embedded engine does not hold it).
   */
  check: {
    method: 'GET',
    path: '/health',
    auth: 'public',
    response: healthResponse,
    status: [200, 503],
    tags: ['health'],
  },
  /** Readiness: a database round trip now — 200 when it answers, 503 (`degraded`) when it fails. */
  ready: {
    method: 'GET',
    path: '/health/ready',
    auth: 'public',
    response: healthResponse,
    status: [200, 503],
    tags: ['health'],
  },
});
