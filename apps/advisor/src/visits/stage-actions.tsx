import { Button, Toast } from 'antd-mobile';
import { visitTransitions, type Visit, type VisitStatus } from '@m4s/contracts';
import { errorText } from '@m4s/web-kit';
import { useI18n, type AdvisorMessageKey } from '../i18n.ts';
import { useMoveStatus } from './visit-api.ts';

/** The same stage (维修中) reads differently by where the car comes from: first time in, back from parts, rework. */
const labelKey = (from: VisitStatus, to: VisitStatus): AdvisorMessageKey => {
  if (to === 'in_bay' && from === 'waiting_parts') return 'stage.back.in_bay';
  if (to === 'in_bay' && from === 'quality_check') return 'stage.redo.in_bay';
  return `stage.to.${to}` as AdvisorMessageKey;
};

// Steps that go back (rework) or sideways (waiting for parts) are outlined; the way forward is solid.
const forward = (from: VisitStatus, to: VisitStatus) =>
  !(to === 'waiting_parts' || (to === 'in_bay' && from === 'quality_check'));

type Props = { visit: Visit; onDeliver: () => void };

/**
 * Only the stages this visit may move to now (contracts visitTransitions): the car cannot skip the
 * quality check or be handed back from the bay. 交车结算 opens the payment sheet instead of moving.
 */
export const StageActions = ({ visit, onDeliver }: Props) => {
  const { t } = useI18n();
  const move = useMoveStatus(visit.id);
  const next = visitTransitions[visit.status];
  if (next.length === 0) return null;
  const undecided = visit.lines.filter((l) => l.status === 'proposed').length;

  const go = (to: VisitStatus) => {
    if (to === 'delivered') {
      onDeliver();
      return;
    }
    move.mutate(to, {
      onSuccess: () => Toast.show({ icon: 'success', content: t('stage.moved', { status: t(`visit.status.${to}`) }) }),
      onError: (error) => Toast.show({ icon: 'fail', content: errorText(error, t('app.loadFailedHint')) }),
    });
  };

  return (
    <div className="visit-actions" data-testid="stage-actions">
      {visit.status === 'quality_check' && undecided > 0 && (
        <p className="visit-actions-hint">{t('stage.undecidedHint', { count: undecided })}</p>
      )}
      <div className="visit-actions-row">
        {next.map((to) => (
          <Button
            key={to}
            block
            shape="rounded"
            color="primary"
            fill={forward(visit.status, to) ? 'solid' : 'outline'}
            loading={move.isPending && move.variables === to}
            disabled={move.isPending}
            onClick={() => go(to)}
            data-testid={`stage-${to}`}
          >
            {t(labelKey(visit.status, to))}
          </Button>
        ))}
      </div>
    </div>
  );
};
