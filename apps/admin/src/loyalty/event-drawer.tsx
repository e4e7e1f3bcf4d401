import { useState } from 'react';
import { Descriptions, Drawer, InputNumber, Space, Table, Tag } from 'antd';
import type { EventSignup } from '@m4s/contracts';
import { yuan } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';
import { LoadFailedAlert } from '../layout/load-failed-alert.tsx';
import { useEventDetail, useSignups } from './events-api.ts';

const pct = (v: number | null) => (v === null ? '—' : `${v}%`);

/** An event's results (the textbook's KPIs) and its sign-ups: seats, the waiting list, attendance. */
export const EventDrawer = ({ id, onClose }: { id: string | null; onClose: () => void }) => {
  const { t, locale } = useI18n();
  const [windowDays, setWindowDays] = useState(30);
  const detail = useEventDetail(id, windowDays);
  const signups = useSignups(id);
  const k = detail.data?.kpis;
  const money = (f: number | null) => (f === null ? '—' : yuan(f, locale));
  return (
    <Drawer open={id !== null} onClose={onClose} width={720} title={detail.data?.title} destroyOnHidden>
      <LoadFailedAlert error={detail.error ?? signups.error} />
      <Space style={{ marginBottom: 12 }}>
        {t('events.kpi.window')}
        <InputNumber min={0} max={365} value={windowDays} onChange={(v) => setWindowDays(v ?? 30)} />
      </Space>
      {k ? (
        <Descriptions bordered size="small" column={2} title={t('events.kpi.title')} data-testid="event-kpis">
          <Descriptions.Item label={t('events.kpi.invited')}>{k.invited}</Descriptions.Item>
          <Descriptions.Item label={t('events.kpi.attended')}>{k.attended}</Descriptions.Item>
          <Descriptions.Item label={t('events.kpi.invitedAttended')}>{k.invitedAttended}</Descriptions.Item>
          <Descriptions.Item label={t('events.kpi.successRate')}>
            <span data-testid="kpi-success">{pct(k.successRate)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('events.kpi.uninvited')}>{pct(k.uninvitedShare)}</Descriptions.Item>
          <Descriptions.Item label={t('events.kpi.revenue')}>{money(k.revenueFen)}</Descriptions.Item>
          <Descriptions.Item label={t('events.kpi.perVehicle')}>{money(k.revenuePerVehicleFen)}</Descriptions.Item>
          <Descriptions.Item label={t('events.kpi.cost')}>{money(k.costFen)}</Descriptions.Item>
          <Descriptions.Item label={t('events.kpi.margin')}>{pct(k.margin)}</Descriptions.Item>
          <Descriptions.Item label={t('events.kpi.satisfaction')}>
            {k.satisfaction.averageScore === null
              ? `${k.satisfaction.answered}/${k.satisfaction.invited}`
              : t('events.kpi.satisfactionValue', {
                  answered: k.satisfaction.answered,
                  invited: k.satisfaction.invited,
                  score: k.satisfaction.averageScore,
                  share: pct(k.satisfaction.satisfiedShare),
                })}
          </Descriptions.Item>
        </Descriptions>
      ) : null}
      <Table<EventSignup>
        style={{ marginTop: 16 }}
        title={() => t('events.signups')}
        rowKey="id"
        size="small"
        loading={signups.isPending}
        dataSource={signups.data}
        pagination={{ pageSize: 20 }}
        data-testid="event-signups"
        columns={[
          { title: t('events.col.title'), dataIndex: 'customerName' },
          { dataIndex: 'phoneMasked' },
          {
            title: t('events.col.status'),
            render: (_, s) =>
              s.status === 'waiting'
                ? t('events.signup.status.waiting', { position: s.position ?? 0 })
                : t(`events.signup.status.${s.status}`, { position: 0 }),
          },
          {
            render: (_, s) => (
              <Tag color={s.invited ? 'blue' : 'default'}>
                {t(s.invited ? 'events.signup.invited' : 'events.signup.uninvited')}
              </Tag>
            ),
          },
          {
            title: t('events.signup.checkedIn'),
            dataIndex: 'checkedInAt',
            render: (v: string | null) => (v ? new Date(v).toLocaleString(locale) : ''),
          },
        ]}
      />
    </Drawer>
  );
};
