import { useState } from 'react';
import { ActionSheet, Button, Dialog, Tag, Toast } from 'antd-mobile';
import { AddOutline, PhoneFill, SendOutline } from 'antd-mobile-icons';
import type { EstimateLine, EstimateLineInput, EstimateLineStatus, Visit } from '@m4s/contracts';
import { errorText, km, stamp, yuan } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';
import { Nothing, Section } from '../customers/section.tsx';
import { LineSheet, type LineDraft } from './line-sheet.tsx';
import { useDecideLine, useSaveEstimate, useSendEstimate } from './visit-api.ts';

const statusColours: Record<EstimateLineStatus, string> = {
  draft: 'default',
  proposed: 'warning',
  approved: 'success',
  declined: '#999',
};

const toInput = (l: EstimateLine): EstimateLineInput => ({
  id: l.id,
  kind: l.kind,
  description: l.description,
  partNo: l.partNo,
  quantity: l.quantity,
  labourHours: l.labourHours,
  amountFen: l.amountFen,
  costFen: l.costFen,
});

const blank = (kind: 'labour' | 'part'): EstimateLineInput => ({
  kind,
  description: '',
  partNo: null,
  quantity: 1,
  labourHours: kind === 'labour' ? 1 : null,
  amountFen: 0,
  costFen: 0,
});

/**
 * 估价单: drafts are the advisor's to edit until 发送估价单; then the customer decides each line in the
 * app, or the advisor records the answer given on the phone. Declined lines stay, greyed, for follow-up.
 */
export const EstimateSection = ({ visit, canWrite }: { visit: Visit; canWrite: boolean }) => {
  const { t, locale } = useI18n();
  const save = useSaveEstimate(visit.id);
  const send = useSendEstimate(visit.id);
  const decide = useDecideLine(visit.id);
  const [editing, setEditing] = useState<LineDraft | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [deciding, setDeciding] = useState<EstimateLine | null>(null);
  const lines = [...visit.lines].sort((a, b) => a.position - b.position);
  const drafts = lines.filter((l) => l.status === 'draft');
  const open = canWrite && visit.status !== 'delivered';

  const saveDrafts = (next: EstimateLineInput[], after?: () => void) =>
    save.mutate(next, {
      onSuccess: () => after?.(),
      onError: (error) => setSaveError(errorText(error, t('app.loadFailedHint'))),
    });

  const onSave = (draft: LineDraft) => {
    setSaveError(null);
    const next = drafts.map(toInput);
    if (draft.index === null) next.push(draft.line);
    else next[draft.index] = draft.line;
    saveDrafts(next, () => setEditing(null));
  };

  const remove = (index: number) =>
    saveDrafts(
      drafts.map(toInput).filter((_, i) => i !== index),
      () => undefined,
    );

  const confirmSend = async () => {
    const amount = yuan(visit.totals.draftFen, locale);
    const ok = await Dialog.confirm({
      content: t('estimate.sendConfirm', { count: drafts.length, amount }),
      confirmText: t('estimate.send'),
      cancelText: t('common.cancel'),
    });
    if (!ok) return;
    send.mutate(undefined, {
      onSuccess: () => Toast.show({ icon: 'success', content: t('estimate.sent') }),
      onError: (error) => Toast.show({ icon: 'fail', content: errorText(error, t('app.loadFailedHint')) }),
    });
  };

  const recordPhone = (decision: 'approved' | 'declined') => {
    if (!deciding) return;
    decide.mutate(
      { lineId: deciding.id, decision, via: 'phone', change: false },
      {
        onSuccess: () => Toast.show({ icon: 'success', content: t('estimate.recorded') }),
        onError: (error) => Toast.show({ icon: 'fail', content: errorText(error, t('app.loadFailedHint')) }),
      },
    );
    setDeciding(null);
  };

  // 更改: the customer changes a decision (by phone) until work on the line starts; confirmed first.
  const changeDecision = async (l: EstimateLine) => {
    const other = l.status === 'approved' ? 'declined' : 'approved';
    const ok = await Dialog.confirm({
      title: t('estimate.changeTitle'),
      content: t('estimate.changeHint', { item: l.description, to: t(`estimate.status.${other}`) }),
      confirmText: t('estimate.changeConfirm'),
      cancelText: t('common.cancel'),
    });
    if (!ok) return;
    decide.mutate(
      { lineId: l.id, decision: other, via: 'phone', change: true },
      {
        onSuccess: () => Toast.show({ icon: 'success', content: t('estimate.recorded') }),
        onError: (error) => Toast.show({ icon: 'fail', content: errorText(error, t('app.loadFailedHint')) }),
      },
    );
  };

  const detail = (l: EstimateLine) =>
    [
      l.kind === 'labour' && l.labourHours != null && t('estimate.hours', { hours: km(l.labourHours, locale) }),
      l.kind === 'part' && l.partNo,
      l.kind === 'part' && l.quantity !== 1 && t('estimate.qty', { qty: km(l.quantity, locale) }),
    ]
      .filter(Boolean)
      .join(' · ');

  const decided = (l: EstimateLine) =>
    l.decidedVia && l.decidedAt
      ? t('estimate.decidedBy', {
          via: t(`estimate.via.${l.decidedVia}`),
          who: l.recordedByName ?? '',
          time: stamp(l.decidedAt),
        })
      : null;

  return (
    <Section title={t('estimate.title')} testId="estimate">
      {lines.length === 0 ? (
        <Nothing>{t('estimate.empty')}</Nothing>
      ) : (
        <ol className="estimate-lines">
          {lines.map((l, i) => {
            const draftIndex = drafts.indexOf(l);
            return (
              <li
                key={l.id}
                className={`estimate-line estimate-line-${l.status}`}
                data-testid={`estimate-line-${i + 1}`}
                data-status={l.status}
              >
                <div className="estimate-line-main">
                  <span className="estimate-kind">{t(`line.kind.${l.kind}`)}</span>
                  <span className="estimate-desc">
                    {l.description}
                    {l.addedDuringRepair && (
                      <Tag color="#7c4dff" fill="outline" className="estimate-tag">
                        {t('estimate.added')}
                      </Tag>
                    )}
                  </span>
                  <span className="estimate-amount tabular">{yuan(l.amountFen, locale)}</span>
                </div>
                <div className="estimate-line-sub">
                  <Tag color={statusColours[l.status]} data-testid="line-status">
                    {t(`estimate.status.${l.status}`)}
                  </Tag>
                  {detail(l) && <span className="estimate-muted">{detail(l)}</span>}
                  {decided(l) && <span className="estimate-muted">{decided(l)}</span>}
                  {open && l.status === 'draft' && (
                    <span className="estimate-line-actions">
                      <Button
                        size="mini"
                        fill="none"
                        color="primary"
                        onClick={() => setEditing({ index: draftIndex, line: toInput(l) })}
                      >
                        {t('estimate.edit')}
                      </Button>
                      <Button size="mini" fill="none" color="danger" onClick={() => remove(draftIndex)}>
                        {t('estimate.remove')}
                      </Button>
                    </span>
                  )}
                  {open && l.status === 'proposed' && (
                    <Button
                      size="mini"
                      color="primary"
                      fill="outline"
                      className="estimate-line-actions"
                      onClick={() => setDeciding(l)}
                      data-testid={`estimate-phone-${i + 1}`}
                    >
                      <PhoneFill /> {t('estimate.phone')}
                    </Button>
                  )}
                  {open && l.changeable && (
                    <Button
                      size="mini"
                      fill="none"
                      color="primary"
                      className="estimate-line-actions"
                      onClick={() => void changeDecision(l)}
                      data-testid={`estimate-change-${i + 1}`}
                    >
                      {t('estimate.change')}
                    </Button>
                  )}
                </div>
              </li>
            );
          })}
        </ol>
      )}
      {lines.length > 0 && (
        <dl className="estimate-totals" data-testid="estimate-totals">
          {(['draft', 'proposed', 'approved', 'declined'] as const).map((s) =>
            visit.totals[`${s}Fen`] > 0 || s === 'approved' ? (
              <div key={s} className={`estimate-total estimate-total-${s}`} data-testid={`estimate-total-${s}`}>
                <dt>{t(`estimate.total.${s}`)}</dt>
                <dd className="tabular">{yuan(visit.totals[`${s}Fen`], locale)}</dd>
              </div>
            ) : null,
          )}
        </dl>
      )}
      {open && (
        <div className="estimate-actions">
          <Button
            size="small"
            onClick={() => setEditing({ index: null, line: blank('labour') })}
            data-testid="estimate-add-labour"
          >
            <AddOutline /> {t('estimate.addLabour')}
          </Button>
          <Button
            size="small"
            onClick={() => setEditing({ index: null, line: blank('part') })}
            data-testid="estimate-add-part"
          >
            <AddOutline /> {t('estimate.addPart')}
          </Button>
          {drafts.length > 0 && (
            <Button
              size="small"
              color="primary"
              loading={send.isPending}
              onClick={() => void confirmSend()}
              data-testid="estimate-send"
            >
              <SendOutline /> {t('estimate.send')}
            </Button>
          )}
        </div>
      )}
      <LineSheet
        draft={editing}
        saving={save.isPending}
        error={saveError}
        onSave={onSave}
        onClose={() => {
          setEditing(null);
          setSaveError(null);
        }}
      />
      <ActionSheet
        visible={deciding !== null}
        extra={
          deciding ? (
            <div className="estimate-phone">
              <b>{t('estimate.phoneTitle')}</b>
              <span>{t('estimate.phoneHint', { item: deciding.description })}</span>
            </div>
          ) : null
        }
        cancelText={t('common.cancel')}
        onClose={() => setDeciding(null)}
        actions={[
          {
            key: 'approved',
            text: <span data-testid="phone-approve">{t('estimate.phoneApprove')}</span>,
            bold: true,
            onClick: () => recordPhone('approved'),
          },
          {
            key: 'declined',
            text: <span data-testid="phone-decline">{t('estimate.phoneDecline')}</span>,
            danger: true,
            onClick: () => recordPhone('declined'),
          },
        ]}
      />
    </Section>
  );
};
