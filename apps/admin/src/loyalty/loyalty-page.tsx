import { useState } from 'react';
import { Card, DatePicker, Table, Tabs } from 'antd';
import dayjs from 'dayjs';
import { yuan } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';
import { LoadFailedAlert } from '../layout/load-failed-alert.tsx';
import { PageHeader } from '../layout/page-header.tsx';
import { useSettlement } from './loyalty-api.ts';
import { EventsTab } from './events-tab.tsx';
import { MembersTab } from './members-tab.tsx';
import { SettingsTab } from './settings-tab.tsx';
import { TemplatesTab } from './templates-tab.tsx';
import { ReferralsTab } from './referrals-tab.tsx';

/** 结算报表: points spent at one store in a month that were earned at another, and what they are worth. */
const SettlementTab = () => {
  const { t, locale } = useI18n();
  const [month, setMonth] = useState(dayjs().format('YYYY-MM'));
  const report = useSettlement(month);
  return (
    <>
      <DatePicker
        picker="month"
        value={dayjs(`${month}-01`)}
        allowClear={false}
        onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
        style={{ marginBottom: 12 }}
      />
      <LoadFailedAlert error={report.error} />
      <Table
        rowKey={(r) => `${r.earnedAt}-${r.spentAt}`}
        size="middle"
        loading={report.isPending}
        dataSource={report.data?.rows}
        pagination={false}
        locale={{ emptyText: t('loyalty.settlement.empty') }}
        columns={[
          {
            title: t('loyalty.settlement.earnedAt'),
            dataIndex: 'earnedAtName',
            render: (n: string | null) => n ?? t('loyalty.settlement.group'),
          },
          {
            title: t('loyalty.settlement.spentAt'),
            dataIndex: 'spentAtName',
            render: (n: string | null) => n ?? t('loyalty.settlement.app'),
          },
          { title: t('loyalty.points'), dataIndex: 'points', align: 'right' },
          {
            title: t('loyalty.settlement.value'),
            dataIndex: 'valueFen',
            align: 'right',
            render: (f: number) => yuan(f, locale),
          },
        ]}
        data-testid="loyalty-settlement"
      />
    </>
  );
};

/** 会员管理 (docs/loyalty.md): members, coupon templates and issuing, the programme's rules, settlement. */
export const LoyaltyPage = () => {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t('loyalty.title')} subtitle={t('loyalty.subtitle')} />
      <Card>
        <Tabs
          items={[
            { key: 'members', label: t('loyalty.tab.members'), children: <MembersTab /> },
            { key: 'templates', label: t('loyalty.tab.templates'), children: <TemplatesTab /> },
            { key: 'settings', label: t('loyalty.tab.settings'), children: <SettingsTab /> },
            { key: 'settlement', label: t('loyalty.tab.settlement'), children: <SettlementTab /> },
            { key: 'referrals', label: t('referral.tab'), children: <ReferralsTab /> },
            { key: 'events', label: t('loyalty.tab.events'), children: <EventsTab /> },
          ]}
        />
      </Card>
    </>
  );
};
