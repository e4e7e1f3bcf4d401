import { Alert, App, Button, Card, List, Popconfirm, Typography } from 'antd';
import { RollbackOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { importRoutes, type ImportJob, type ImportUndoBlocker } from '@m4s/contracts';
import { api, ApiError, errorText } from '@m4s/web-kit';
import { isMessageKey, useI18n } from '../i18n.ts';
import { importsKey } from './import-api.ts';

const blockersOf = (error: unknown): { items: ImportUndoBlocker[]; total: number } | null => {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const details = error.details as { blockers?: ImportUndoBlocker[]; blockersTotal?: number } | undefined;
  if (!details?.blockers) return null;
  return { items: details.blockers, total: details.blockersTotal ?? details.blockers.length };
};

/**
 * 撤销本次导入: on a finished run, after a confirmation. Refused (409) while records it wrote were changed
 * since: the records that block it are listed by kind and masked label.
 */
export const UndoImportButton = ({ job }: { job: ImportJob }) => {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const kindOf = (table: string) => {
    const key = `importUndo.table.${table}`;
    return isMessageKey(key) ? t(key) : table;
  };
  const undo = useMutation({
    mutationFn: () => api.call(importRoutes.undo, { params: { id: job.id } }),
    onSuccess: (updated) => {
      client.setQueryData([...importsKey, 'job', job.id], updated);
      void client.invalidateQueries({ queryKey: importsKey });
      void message.success(t('importUndo.done'));
    },
    onError: (error) => {
      const blocked = blockersOf(error);
      if (!blocked) {
        void message.error(errorText(error, t('common.networkError')));
        return;
      }
      modal.error({
        title: t('importUndo.blockedTitle'),
        width: 520,
        content: (
          <List
            size="small"
            dataSource={blocked.items}
            renderItem={(b) => (
              <List.Item>
                <Typography.Text>
                  {kindOf(b.table)} {b.label ?? ''}
                </Typography.Text>
                <Typography.Text type="secondary">{t(`importUndo.reason.${b.reason}`)}</Typography.Text>
              </List.Item>
            )}
            footer={
              blocked.total > blocked.items.length
                ? t('importUndo.blockedMore', { n: blocked.total - blocked.items.length })
                : undefined
            }
            data-testid="import-undo-blockers"
          />
        ),
      });
    },
  });
  if (job.status === 'undone')
    return <Alert type="info" showIcon title={t('importUndo.undone')} data-testid="import-undone" />;
  if (job.status !== 'done') return null;
  return (
    <Popconfirm
      title={t('importUndo.confirmTitle')}
      description={<div style={{ maxWidth: 360 }}>{t('importUndo.confirmBody')}</div>}
      okText={t('importUndo.confirm')}
      cancelText={t('importUndo.cancel')}
      okButtonProps={{ danger: true }}
      onConfirm={() => undo.mutateAsync().catch(() => undefined)}
    >
      <Button danger icon={<RollbackOutlined />} loading={undo.isPending} data-testid="import-undo">
        {t('importUndo.button')}
      </Button>
    </Popconfirm>
  );
};

/**
 * 问题汇总: every reported message with how many rows had it (all of them, also past the 10,000 lines the
 * list keeps), and 另有 N 行同类问题 for those beyond the list.
 */
export const ErrorCountsSummary = ({ job }: { job: ImportJob }) => {
  const { t } = useI18n();
  const entries = Object.entries(job.errorCounts).sort((a, b) => b[1] - a[1]);
  const all = entries.reduce((n, [, c]) => n + c, 0);
  const cap = 10_000;
  // A short list says it all already: the summary is for reports that run to pages.
  if (all <= 20) return null;
  return (
    <Card size="small" title={t('importErrors.summary')} style={{ marginTop: 16 }} data-testid="import-error-counts">
      <List
        size="small"
        dataSource={entries}
        renderItem={([text, n]) => (
          <List.Item>
            <Typography.Text type="danger">{text}</Typography.Text>
            <Typography.Text className="tabular">{n.toLocaleString()}</Typography.Text>
          </List.Item>
        )}
      />
      {all > cap && (
        <Typography.Text type="secondary">
          {t('importErrors.moreOfKind', { n: (all - cap).toLocaleString() })}
        </Typography.Text>
      )}
    </Card>
  );
};
