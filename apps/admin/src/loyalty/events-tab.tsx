import { useState } from 'react';
import { App, Button, Input, Modal, Space, Table, Tag } from 'antd';
import type { EventSummary } from '@m4s/contracts';
import { errorText } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';
import { LoadFailedAlert } from '../layout/load-failed-alert.tsx';
import { EventDrawer } from './event-drawer.tsx';
import { EventForm } from './event-form.tsx';
import { EventInvite } from './event-invite.tsx';
import { useCancelEvent, useClose, useEvents, usePublish } from './events-api.ts';

const statusColor = { draft: 'default', published: 'green', closed: 'blue', cancelled: 'red' } as const;

/** 会员管理 › 活动 (docs/events.md): create, publish, invite, cancel, close; sign-ups, attendance, KPIs. */
export const EventsTab = () => {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const events = useEvents();
  const publish = usePublish();
  const close = useClose();
  const cancel = useCancelEvent();
  const [editing, setEditing] = useState<EventSummary | 'new' | null>(null);
  const [inviting, setInviting] = useState<EventSummary | null>(null);
  const [showing, setShowing] = useState<string | null>(null);
  const when = (iso: string) =>
    new Date(iso).toLocaleString(locale, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  const act = (p: Promise<unknown>, done?: string) =>
    p.then(
      () => (done ? void message.success(done) : undefined),
      (e: unknown) => void message.error(errorText(e, t('common.networkError'))),
    );
  const askCancel = (e: EventSummary) => {
    let reason = '';
    void Modal.confirm({
      title: t('events.cancel'),
      content: <Input placeholder={t('events.cancelReason')} onChange={(x) => (reason = x.target.value)} />,
      onOk: () => act(cancel.mutateAsync({ id: e.id, reason: reason.trim() || t('events.cancel') })),
    });
  };
  const ended = (e: EventSummary) => new Date(e.endsAt).getTime() <= Date.now();
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" onClick={() => setEditing('new')} data-testid="event-create">
          {t('events.create')}
        </Button>
      </Space>
      <LoadFailedAlert error={events.error} />
      <Table<EventSummary>
        rowKey="id"
        size="middle"
        loading={events.isPending}
        dataSource={events.data}
        locale={{ emptyText: t('events.empty') }}
        data-testid="events-table"
        columns={[
          {
            title: t('events.col.title'),
            render: (_, e) => (
              <a onClick={() => setShowing(e.id)} data-testid="event-row-title">
                {e.title}
                <div style={{ color: '#888', fontSize: 12 }}>{t(`events.kind.${e.kind}`)}</div>
              </a>
            ),
          },
          { title: t('events.col.when'), render: (_, e) => `${when(e.startsAt)} · ${e.place}` },
          { title: t('events.col.store'), render: (_, e) => e.storeName ?? t('events.group') },
          {
            title: t('events.col.status'),
            render: (_, e) => <Tag color={statusColor[e.status]}>{t(`events.status.${e.status}`)}</Tag>,
          },
          { title: t('events.col.signups'), render: (_, e) => `${e.counts.confirmed} / ${e.capacity}` },
          { title: t('events.col.waiting'), render: (_, e) => e.counts.waiting },
          { title: t('events.col.checkedIn'), render: (_, e) => e.counts.checkedIn },
          { title: t('events.col.invited'), render: (_, e) => e.counts.invited },
          {
            title: t('events.col.actions'),
            render: (_, e) => (
              <Space size="small" wrap>
                {e.status === 'draft' || e.status === 'published' ? (
                  <Button size="small" onClick={() => setEditing(e)}>
                    {t('events.edit')}
                  </Button>
                ) : null}
                {e.status === 'draft' ? (
                  <Button
                    size="small"
                    type="primary"
                    data-testid="event-publish"
                    onClick={() => void act(publish.mutateAsync(e.id), t('events.published'))}
                  >
                    {t('events.publish')}
                  </Button>
                ) : null}
                {e.status === 'published' && !ended(e) ? (
                  <Button size="small" onClick={() => setInviting(e)} data-testid="event-invite">
                    {t('events.invite')}
                  </Button>
                ) : null}
                {e.status === 'published' && ended(e) ? (
                  <Button size="small" onClick={() => void act(close.mutateAsync(e.id))}>
                    {t('events.close')}
                  </Button>
                ) : null}
                {e.status === 'draft' || (e.status === 'published' && !ended(e)) ? (
                  <Button size="small" danger onClick={() => askCancel(e)}>
                    {t('events.cancel')}
                  </Button>
                ) : null}
                <Button size="small" type="link" onClick={() => setShowing(e.id)}>
                  {t('events.details')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <EventForm editing={editing} onClose={() => setEditing(null)} />
      <EventInvite event={inviting} onClose={() => setInviting(null)} />
      <EventDrawer id={showing} onClose={() => setShowing(null)} />
    </>
  );
};
