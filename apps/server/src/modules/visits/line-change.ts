import type { VisitStatus } from '@m4s/contracts';

/** Stages the workshop is at work in (or done with): a move into one of them carries the approved lines into work. */
const workStages: readonly VisitStatus[] = ['in_bay', 'waiting_parts', 'quality_check', 'ready', 'delivered'];
/** Once the car is ready the estimate is closed: nothing is decided or changed any more. */
const closedStages: readonly VisitStatus[] = ['ready', 'delivered'];

type DecidedLine = { status: string; decidedAt: Date | null };
type StageEvent = { status: VisitStatus; at: Date };

/**
 * Work on an approved line has started once the workshop has moved the car on since the decision: a
 * stage event into the bay (or any later stage) after the line was approved. A line approved before
 * the car went into the bay starts with that move; one approved while the car is in the bay (work
 * found during the repair) starts with the next move. A declined line has no work to start.
 */
export const lineWorkStarted = (line: DecidedLine, events: readonly StageEvent[]): boolean => {
  const decidedAt = line.decidedAt;
  if (line.status !== 'approved' || !decidedAt) return false;
  return events.some((e) => workStages.includes(e.status) && e.at.getTime() > decidedAt.getTime());
};

/** A decision that may still be changed (with the app's confirmation): decided, estimate open, work not started. */
export const lineChangeable = (line: DecidedLine, visitStatus: VisitStatus, events: readonly StageEvent[]): boolean =>
  (line.status === 'approved' || line.status === 'declined') &&
  !closedStages.includes(visitStatus) &&
  !lineWorkStarted(line, events);
