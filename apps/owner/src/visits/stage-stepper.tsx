import { CheckOutline } from 'antd-mobile-icons';
import { visitStatuses, type OwnerVisitDetail, type VisitStatus } from '@m4s/contracts';
import { stamp } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';
import './stage-stepper.css';

type Props = { status: VisitStatus; events: OwnerVisitDetail['events'] };
type State = 'done' | 'current' | 'todo';

/**
 * 维修进度 as a vertical stepper, one step per stage with the time it was reached. 等待配件 shows only
 * when it happened: most cars never wait for parts. Each step is `visit-stage-<status>` with data-state.
 */
export const StageStepper = ({ status, events }: Props) => {
  const { t } = useI18n();
  const lastAt = new Map<VisitStatus, string>();
  for (const e of events) {
    const prev = lastAt.get(e.status);
    if (!prev || prev < e.at) lastAt.set(e.status, e.at);
  }
  const stages = visitStatuses.filter((s) => s !== 'waiting_parts' || s === status || lastAt.has(s));
  const current = stages.indexOf(status);
  const stateOf = (s: VisitStatus, i: number): State =>
    s === status ? 'current' : i < current || (s === 'waiting_parts' && lastAt.has(s)) ? 'done' : 'todo';

  return (
    <ol className="stages" data-testid="visit-stages">
      {stages.map((s, i) => {
        const state = stateOf(s, i);
        const at = state === 'todo' ? undefined : lastAt.get(s);
        return (
          <li key={s} className={`stage stage-${state}`} data-testid={`visit-stage-${s}`} data-state={state}>
            <span className="stage-dot" aria-hidden>
              {state === 'done' ? <CheckOutline /> : null}
            </span>
            <div className="stage-name">{t(`stage.${s}`)}</div>
            {at ? <time className="stage-time">{stamp(at)}</time> : null}
          </li>
        );
      })}
    </ol>
  );
};
