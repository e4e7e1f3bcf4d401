import { pino } from 'pino';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';
import { systemClock, type Clock } from '../platform/clock.ts';
import type { OperatorCtx } from '../platform/context.ts';
import { migrate } from '../platform/db/migrate.ts';
import { openDatabase } from '../platform/db/open.ts';
import type { Database } from '../platform/db/types.ts';
import { startJobRunner, type JobRunner } from '../platform/jobs/runner.ts';
import { createChannels } from '../platform/notify/channels.ts';
import { sendJob } from '../platform/notify/outbox.ts';
import { asPlatform, noJobQueue } from '../platform/operator-tx.ts';
import { complaintDeadlineJob } from '../modules/complaints/complaints.escalation.ts';
import { bookingRemindJob } from '../modules/booking/reminder.job.ts';
import { recoveryEscalateJob } from '../modules/recovery/recovery.job.ts';
import { careSweepJob } from '../modules/care/care.jobs.ts';
import { nightlyJob } from '../nightly.ts';
import { importRunJob } from '../modules/imports/run.job.ts';
import { classifyJob } from '../modules/segments/classify.job.ts';
import { userInfo } from 'node:os';

/** Opening the embedded database failed because another process (the server) holds its directory. */
export class DataDirBusy extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataDirBusy';
  }
}

export type Runtime = {
  config: Config;
  db: Database;
  clock: Clock;
  log: FastifyBaseLogger;
  /** Who runs the command, as the operator's audit log names it (`cli:<OS user>`). */
  who: string;
  asOperator: <T>(fn: (ctx: OperatorCtx) => Promise<T>) => Promise<T>;
  /** The job queue, started on first use (work off: the server runs the jobs; the CLI only queues). */
  runner: () => Promise<JobRunner>;
  close: () => Promise<void>;
};

const osUser = () => {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
};

/**
 * The database the server uses: PostgreSQL at DATABASE_URL (shared with a running server), or the
 * embedded one in DATA_DIR — which one process owns at a time, so the CLI refuses while the server runs.
 */
export const openRuntime = async (config: Config): Promise<Runtime> => {
  let db: Database;
  try {
    db = await openDatabase(config);
  } catch (error) {
    const message = (error as Error).message;
    if (/in use by process/.test(message))
      throw new DataDirBusy(
        `${message}\nThe embedded database has one owner at a time. Stop the server first, or use the operator API ` +
          `(/api/operator, docs/operator.md) while it runs, or run the server and the CLI on PostgreSQL (DATABASE_URL).`,
      );
    throw error;
  }
  await migrate(db);
  const clock = systemClock;
  const log = pino({ level: process.env.M4S_CLI_LOG ?? 'silent' });
  const who = process.env.M4S_CLI_USER ?? osUser();
  let runner: Promise<JobRunner> | null = null;
  let notifyClose: (() => void) | null = null;
  const startRunner = () => {
    runner ??= (async () => {
      const notify = createChannels(config);
      notifyClose = () => notify.close();
      return startJobRunner({
        db,
        jobs: [
          sendJob(notify),
          importRunJob(config.DATA_DIR),
          bookingRemindJob,
          classifyJob,
          careSweepJob,
          nightlyJob,
          complaintDeadlineJob,
          recoveryEscalateJob,
        ],
        clock,
        log,
        work: false,
      });
    })();
    return runner;
  };
  return {
    config,
    db,
    clock,
    log,
    who,
    asOperator: async (fn) => {
      const started = runner ? await runner : null;
      return asPlatform({ db, name: who, clock, log, queueFor: started ? started.queueFor : noJobQueue }, fn);
    },
    runner: startRunner,
    close: async () => {
      if (runner) await (await runner).stop();
      notifyClose?.();
      await db.close();
    },
  };
};
