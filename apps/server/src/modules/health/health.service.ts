import type { HealthResponse } from '@m4s/contracts';
import type { Database } from '../../platform/db/types.ts';

/** How long /api/health waits for its ping before answering from what it knows (the last answer). */
const graceMs = 250;
/** A ping unanswered this long is a database that hangs, not one that is busy: the process reports it. */
const stuckAfterMs = 30_000;

const ok: HealthResponse = { status: 'ok', db: 'ok' };
const down: HealthResponse = { status: 'degraded', db: 'down' };

export type Liveness = {
  /**
   * GET /api/health — liveness, for a load balancer or a supervisor: answers from the process's state and
   * never waits in the database's queue. It starts a ping (one at a time) and answers with the ping's own
   * result when that comes within a moment, else with the last round trip's: on the embedded engine
   * (one PGlite instance, exclusive transactions) a long export or recompute holds every query, and the
   * server is alive all the same. `down` when the last round trip failed or a ping has hung for long.
   */
  live: () => Promise<HealthResponse>;
  /** GET /api/health/ready — readiness: a round trip to the database now, waiting for it as long as it takes. */
  ready: () => Promise<HealthResponse>;
};

/** The health of one process and its database. The database answered at start (migrations ran before this). */
export const livenessOf = (db: Database): Liveness => {
  let lastAnswer = true;
  let pending: Promise<boolean> | null = null;
  let pendingSince = 0;
  const probe = () => {
    if (!pending) {
      pendingSince = performance.now();
      pending = db
        .ping()
        .catch(() => false)
        .then((answer) => {
          lastAnswer = answer;
          pending = null;
          return answer;
        });
    }
    return pending;
  };
  const known = () => (lastAnswer && !(pending && performance.now() - pendingSince > stuckAfterMs) ? ok : down);
  return {
    live: async () => {
      let timer: NodeJS.Timeout | undefined;
      const moment = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
      await Promise.race([probe(), moment]);
      clearTimeout(timer);
      return known();
    },
    ready: async () => ((await probe()) ? ok : down),
  };
};
