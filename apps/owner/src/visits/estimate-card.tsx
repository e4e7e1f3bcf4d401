import { Button, Dialog, Tag, Toast } from 'antd-mobile';
import type { OwnerEstimateLine, OwnerVisitDetail } from '@m4s/contracts';
import { errorText, yuan } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';
import { useDecideLine } from './visits-api.ts';
import './estimate-card.css';

const statusColor = { proposed: 'warning', approved: 'success', declined: 'default' } as const;

const Line = ({ visitId, line, n }: { visitId: string; line: OwnerEstimateLine; n: number }) => {
  const { t, locale } = useI18n();
  const decide = useDecideLine(visitId);
  const pending = decide.isPending;
  const send = (decision: 'approved' | 'declined', change = false) =>
    decide.mutate(
      { lineId: line.id, decision, change },
      {
        onSuccess: () =>
          Toast.show({
            icon: decision === 'approved' ? 'success' : undefined,
            content: t(decision === 'approved' ? 'estimate.approvedToast' : 'estimate.declinedToast'),
          }),
        onError: (error) => Toast.show({ content: errorText(error, t('estimate.failed')) }),
      },
    );
  // 更改: a decision made by mistake, until work on the line starts; asked once more before it is sent.
  const other = line.status === 'approved' ? 'declined' : 'approved';
  const askChange = () =>
    void Dialog.confirm({
      title: t('estimate.changeTitle'),
      content: t(other === 'approved' ? 'estimate.changeToApprove' : 'estimate.changeToDecline', {
        item: line.description,
      }),
      confirmText: t('estimate.changeConfirm'),
      cancelText: t('estimate.changeKeep'),
      onConfirm: () => send(other, true),
    });
  const via =
    line.decidedVia === 'phone'
      ? t('estimate.byPhone')
      : line.decidedVia === 'in_person'
        ? t('estimate.inPerson')
        : null;
  const amount =
    line.kind === 'labour'
      ? line.labourHours === null
        ? ''
        : t('estimate.hours', { hours: line.labourHours })
      : t('estimate.qty', { qty: line.quantity });
  return (
    <li className={`est-line est-line-${line.status}`} data-testid={`estimate-line-${n}`} data-status={line.status}>
      <div className="est-line-top">
        <span className="est-line-name">
          {n}. {line.description}
          <span className="est-line-qty">{amount}</span>
        </span>
        <span className="est-line-amount">{yuan(line.amountFen, locale)}</span>
      </div>
      <div className="est-line-foot">
        {line.addedDuringRepair ? (
          <Tag color="warning" fill="outline" className="est-added">
            {t('estimate.added')}
          </Tag>
        ) : null}
        {line.status === 'proposed' ? (
          <span className="est-line-actions">
            <Button
              size="small"
              shape="rounded"
              disabled={pending}
              onClick={() => send('declined')}
              data-testid={`estimate-line-${n}-decline`}
            >
              {t('estimate.decline')}
            </Button>
            <Button
              size="small"
              shape="rounded"
              color="primary"
              loading={pending}
              onClick={() => send('approved')}
              data-testid={`estimate-line-${n}-approve`}
            >
              {t('estimate.approve')}
            </Button>
          </span>
        ) : (
          <span className="est-line-actions">
            <Tag color={statusColor[line.status]} fill="outline" className="est-line-status">
              {t(`estimate.${line.status}`)}
              {via ? ` · ${via}` : ''}
            </Tag>
            {line.changeable ? (
              <Button
                size="mini"
                fill="none"
                color="primary"
                disabled={pending}
                onClick={askChange}
                data-testid={`estimate-line-${n}-change`}
              >
                {t('estimate.change')}
              </Button>
            ) : null}
          </span>
        )}
      </div>
    </li>
  );
};

/**
 * 估价单: each line the store proposes, with 同意 / 暂不需要 while undecided; declined lines stay listed
 * (the store keeps them as advice for a later visit). Lines are numbered from 1 in the server's order.
 */
export const EstimateCard = ({ visit }: { visit: OwnerVisitDetail }) => {
  const { t, locale } = useI18n();
  const undecided = visit.lines.some((l) => l.status === 'proposed');
  const { totals } = visit;
  return (
    <section className="visit-card" data-testid="estimate">
      <h2 className="visit-card-title">{t('estimate.title')}</h2>
      {visit.lines.length === 0 ? (
        <p className="visit-card-hint">{t('estimate.empty')}</p>
      ) : (
        <>
          {undecided ? <p className="visit-card-hint est-attention">{t('estimate.pendingHint')}</p> : null}
          <ol className="est-lines">
            {visit.lines.map((line, i) => (
              <Line key={line.id} visitId={visit.id} line={line} n={i + 1} />
            ))}
          </ol>
          <dl className="est-totals">
            <div className="est-total-main">
              <dt>{t('estimate.approvedTotal')}</dt>
              <dd data-testid="estimate-approved-total">{yuan(totals.approvedFen, locale)}</dd>
            </div>
            {totals.proposedFen > 0 ? (
              <div>
                <dt>{t('estimate.proposedTotal')}</dt>
                <dd data-testid="estimate-proposed-total">{yuan(totals.proposedFen, locale)}</dd>
              </div>
            ) : null}
            {totals.declinedFen > 0 ? (
              <div>
                <dt>{t('estimate.declinedTotal')}</dt>
                <dd data-testid="estimate-declined-total">{yuan(totals.declinedFen, locale)}</dd>
              </div>
            ) : null}
          </dl>
        </>
      )}
    </section>
  );
};
