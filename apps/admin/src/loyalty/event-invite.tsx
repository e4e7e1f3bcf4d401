import { useState } from 'react';
import { Alert, App, Button, Modal, Radio, Space, Typography } from 'antd';
import type { EventSummary, InviteResult } from '@m4s/contracts';
import { errorText } from '@m4s/web-kit';
import { useI18n, type MessageKey } from '../i18n.ts';
import { useInvite } from './events-api.ts';

/** 邀请: the contact gate's dry run first (reached, held back and why), then the same invitation sent. */
export const EventInvite = ({ event, onClose }: { event: EventSummary | null; onClose: () => void }) => {
  const { t } = useI18n();
  const { message } = App.useApp();
  const invite = useInvite();
  const [channel, setChannel] = useState<'inbox' | 'sms'>('inbox');
  const [preview, setPreview] = useState<InviteResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (dryRun: boolean) => {
    if (!event) return;
    setError(null);
    try {
      const result = await invite.mutateAsync({ id: event.id, body: { channel, dryRun } });
      if (dryRun) setPreview(result);
      else {
        void message.success(t('events.invite.sent', { reached: result.reached }));
        setPreview(null);
        onClose();
      }
    } catch (e) {
      setError(errorText(e, t('common.networkError')));
    }
  };
  const held = preview ? Object.entries(preview.heldBack) : [];
  return (
    <Modal
      open={event !== null}
      title={event ? t('events.invite.title', { title: event.title }) : ''}
      onCancel={() => {
        setPreview(null);
        onClose();
      }}
      footer={
        <Space>
          <Button onClick={() => void run(true)} loading={invite.isPending} data-testid="invite-preview">
            {t('events.invite.preview')}
          </Button>
          <Button
            type="primary"
            disabled={!preview}
            onClick={() => void run(false)}
            loading={invite.isPending}
            data-testid="invite-send"
          >
            {t('events.invite.send')}
          </Button>
        </Space>
      }
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('events.invite.hint')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Space style={{ marginBottom: 12 }}>
        {t('events.invite.channel')}
        <Radio.Group
          value={channel}
          onChange={(e) => {
            setChannel(e.target.value as 'inbox' | 'sms');
            setPreview(null);
          }}
          options={[
            { value: 'inbox', label: t('events.invite.inbox') },
            { value: 'sms', label: t('events.invite.sms') },
          ]}
        />
      </Space>
      {preview ? (
        <Alert
          type="info"
          data-testid="invite-result"
          title={t('events.invite.result', {
            audience: preview.audience,
            reached: preview.reached,
            already: preview.alreadyInvited,
          })}
          description={
            held.length > 0
              ? t('events.invite.heldBack', { count: held.reduce((s, [, n]) => s + n, 0) }) +
                held.map(([why, n]) => `${t(`care.reason.${why}` as MessageKey)} ${n}`).join('，')
              : null
          }
        />
      ) : null}
    </Modal>
  );
};
