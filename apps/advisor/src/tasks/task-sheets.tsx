import { useState } from 'react';
import { ActionSheet, Button, CheckList, Form, Input, Popup, TextArea, Toast } from 'antd-mobile';
import type { CareTask } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { useColleagues, useTaskAction } from './api.ts';

export type Sheet = { kind: 'done' | 'snooze' | 'reassign'; task: CareTask } | null;
type Props = { sheet: Sheet; onClose: () => void };

const at = (days: number, hour: number) => {
  const d = new Date();
  d.setDate(d.getDate() + days);
  d.setHours(hour, 0, 0, 0);
  return d;
};

/** The snooze choices that are still ahead of now. */
const snoozeChoices = () =>
  (
    [
      { key: 'tasks.snoozeHour', until: new Date(Date.now() + 3600_000) },
      { key: 'tasks.snoozeEvening', until: at(0, 18) },
      { key: 'tasks.snoozeTomorrow', until: at(1, 9) },
    ] as const
  ).filter((c) => c.until.getTime() > Date.now() + 60_000);

const DoneForm = ({ task, onClose }: { task: CareTask; onClose: () => void }) => {
  const { t } = useI18n();
  const act = useTaskAction();
  const [outcome, setOutcome] = useState('');
  const [mileage, setMileage] = useState('');
  const [error, setError] = useState<string | null>(null);
  const asksMileage = task.ruleKey === 'follow_up_1m';
  const save = () => {
    if (!outcome.trim()) return setError(t('tasks.outcomeRequired'));
    const km = mileage.trim() ? Number(mileage.trim()) : undefined;
    if (km !== undefined && (!Number.isInteger(km) || km < 0)) return setError(t('tasks.mileageInvalid'));
    act.mutate(
      {
        id: task.id,
        action: 'done',
        body: { outcome: outcome.trim(), ...(km === undefined ? {} : { mileageKm: km }) },
      },
      {
        onSuccess: () => {
          Toast.show({ icon: 'success', content: t('tasks.saved') });
          onClose();
        },
        onError: () => setError(t('tasks.failed')),
      },
    );
  };
  return (
    <div className="task-sheet" data-testid="task-done-sheet">
      <h3 className="task-sheet-title">{t('tasks.doneTitle')}</h3>
      <Form layout="vertical">
        <Form.Item label={t('tasks.outcome')}>
          <TextArea
            value={outcome}
            onChange={setOutcome}
            placeholder={t('tasks.outcomePlaceholder')}
            rows={3}
            maxLength={500}
            data-testid="task-outcome"
          />
        </Form.Item>
        {asksMileage ? (
          <Form.Item label={t('tasks.mileage')}>
            <Input
              value={mileage}
              onChange={setMileage}
              type="number"
              inputMode="numeric"
              placeholder={t('tasks.mileagePlaceholder')}
              data-testid="task-mileage"
            />
          </Form.Item>
        ) : null}
      </Form>
      {error ? <p className="task-sheet-error">{error}</p> : null}
      <div className="task-sheet-buttons">
        <Button block onClick={onClose}>
          {t('tasks.cancel')}
        </Button>
        <Button block color="primary" loading={act.isPending} onClick={save} data-testid="task-save">
          {t('tasks.save')}
        </Button>
      </div>
    </div>
  );
};

const ReassignList = ({ task, onClose }: { task: CareTask; onClose: () => void }) => {
  const { t } = useI18n();
  const act = useTaskAction();
  const colleagues = useColleagues(task.storeId);
  const options = (colleagues.data ?? []).filter((s) => s.id !== task.assigneeId);
  return (
    <div className="task-sheet" data-testid="task-reassign-sheet">
      <h3 className="task-sheet-title">{t('tasks.reassignTitle')}</h3>
      {options.length === 0 && !colleagues.isLoading ? (
        <p className="task-sheet-hint">{t('tasks.reassignEmpty')}</p>
      ) : null}
      <CheckList
        onChange={(v) => {
          const assigneeId = v[0];
          if (typeof assigneeId !== 'string') return;
          act.mutate(
            { id: task.id, action: 'reassign', body: { assigneeId } },
            {
              onSuccess: () => {
                Toast.show({ icon: 'success', content: t('tasks.saved') });
                onClose();
              },
              onError: () => Toast.show({ icon: 'fail', content: t('tasks.failed') }),
            },
          );
        }}
      >
        {options.map((s) => (
          <CheckList.Item key={s.id} value={s.id}>
            {s.name}
          </CheckList.Item>
        ))}
      </CheckList>
    </div>
  );
};

/** The sheets a task card opens: record the outcome, snooze, reassign. */
export const TaskSheets = ({ sheet, onClose }: Props) => {
  const { t } = useI18n();
  const act = useTaskAction();
  const snooze = sheet?.kind === 'snooze' ? sheet.task : null;
  return (
    <>
      <Popup
        visible={sheet?.kind === 'done' || sheet?.kind === 'reassign'}
        onMaskClick={onClose}
        bodyClassName="task-popup"
      >
        {sheet?.kind === 'done' ? <DoneForm key={sheet.task.id} task={sheet.task} onClose={onClose} /> : null}
        {sheet?.kind === 'reassign' ? <ReassignList task={sheet.task} onClose={onClose} /> : null}
      </Popup>
      <ActionSheet
        visible={snooze !== null}
        onClose={onClose}
        extra={t('tasks.snoozeTitle')}
        cancelText={t('tasks.cancel')}
        actions={snoozeChoices().map((c) => ({
          key: c.key,
          text: t(c.key),
          onClick: () => {
            if (!snooze) return;
            act.mutate(
              { id: snooze.id, action: 'snooze', body: { until: c.until.toISOString() } },
              {
                onSuccess: () => Toast.show({ icon: 'success', content: t('tasks.saved') }),
                onError: () => Toast.show({ icon: 'fail', content: t('tasks.failed') }),
              },
            );
            onClose();
          },
        }))}
      />
    </>
  );
};
