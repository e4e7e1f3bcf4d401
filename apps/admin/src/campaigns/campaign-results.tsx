import { Alert, Card, Col, Descriptions, Row, Statistic, Table, Tag } from 'antd';
import type { Campaign, CampaignGroupResult } from '@m4s/contracts';
import { yuan } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';
import { LoadFailedAlert } from '../layout/load-failed-alert.tsx';
import { ReasonList } from './reason-list.tsx';
import { useResults } from './campaign-api.ts';

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(2)}%`);

/** A sent campaign: what the send did, and its results within the window against the control group. */
export const CampaignResults = ({ campaign }: { campaign: Campaign }) => {
  const { t, locale } = useI18n();
  const results = useResults(campaign.id, campaign.status === 'sent');
  const r = results.data;
  const money = (fen: number | null) => (fen === null ? '—' : yuan(fen, locale));
  const rows: { key: string; label: string; value: (g: CampaignGroupResult) => string | number }[] = [
    { key: 'customers', label: t('campaigns.result.customers'), value: (g) => g.customers },
    { key: 'responders', label: t('campaigns.result.responders'), value: (g) => g.responders },
    { key: 'rate', label: t('campaigns.kpi.responseRate'), value: (g) => pct(g.responseRate) },
    { key: 'bookings', label: t('campaigns.result.bookings'), value: (g) => g.bookings },
    { key: 'visits', label: t('campaigns.result.visits'), value: (g) => g.visits },
    { key: 'revenue', label: t('campaigns.result.revenue'), value: (g) => money(g.revenueFen) },
    { key: 'margin', label: t('campaigns.result.grossMargin'), value: (g) => money(g.grossMarginFen) },
    { key: 'perCustomer', label: t('campaigns.kpi.revenuePerVehicle'), value: (g) => money(g.revenuePerCustomerFen) },
  ];
  return (
    <>
      {campaign.counts && (
        <Card title={t('campaigns.sendCounts')} style={{ marginBottom: 16 }} data-testid="campaign-counts">
          <Row gutter={16}>
            <Col span={16}>
              <Row gutter={16}>
                <Col span={6}>
                  <Statistic
                    title={t('campaigns.count.audience')}
                    value={campaign.counts.audience}
                    data-testid="sent-audience"
                  />
                </Col>
                <Col span={6}>
                  <Statistic
                    title={t('campaigns.count.reached')}
                    value={campaign.counts.reached}
                    data-testid="sent-reached"
                  />
                </Col>
                <Col span={6}>
                  <Statistic title={t('campaigns.count.held')} value={campaign.counts.held} data-testid="sent-held" />
                </Col>
                <Col span={6}>
                  <Statistic title={t('campaigns.count.control')} value={campaign.counts.control} />
                </Col>
              </Row>
            </Col>
            <Col span={8}>
              <ReasonList counts={campaign.counts} />
            </Col>
          </Row>
        </Card>
      )}
      {campaign.status === 'scheduled' && (
        <Alert
          type="info"
          showIcon
          title={t('campaigns.scheduledFor', { at: new Date(campaign.scheduledAt ?? '').toLocaleString(locale) })}
        />
      )}
      <LoadFailedAlert error={results.error} />
      {r && (
        <Card
          title={t('campaigns.results')}
          extra={
            r.open ? (
              <Tag color="processing">{t('campaigns.windowOpen')}</Tag>
            ) : (
              <Tag>{t('campaigns.windowClosed')}</Tag>
            )
          }
          data-testid="campaign-results"
        >
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col span={5}>
              <Statistic title={t('campaigns.kpi.responseRate')} value={pct(r.kpis.responseRate)} />
            </Col>
            <Col span={5}>
              <Statistic title={t('campaigns.kpi.controlRate')} value={pct(r.kpis.controlResponseRate)} />
            </Col>
            <Col span={4}>
              <Statistic title={t('campaigns.kpi.uplift')} value={pct(r.kpis.uplift)} />
            </Col>
            <Col span={5}>
              <Statistic title={t('campaigns.kpi.revenuePerVehicle')} value={money(r.kpis.revenuePerVehicleFen)} />
            </Col>
            <Col span={5}>
              <Statistic title={t('campaigns.kpi.margin')} value={pct(r.kpis.margin)} />
            </Col>
          </Row>
          <Table
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={rows}
            columns={[
              { title: '', dataIndex: 'label' },
              { title: t('campaigns.group.reached'), align: 'right', render: (_, row) => row.value(r.reached) },
              { title: t('campaigns.group.control'), align: 'right', render: (_, row) => row.value(r.control) },
            ]}
          />
          <Descriptions size="small" column={3} style={{ marginTop: 16 }} data-testid="campaign-direct">
            <Descriptions.Item label={t('campaigns.direct.bookings')}>
              <span data-testid="direct-bookings">{r.direct.bookings}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('campaigns.direct.visits')}>{r.direct.visits}</Descriptions.Item>
            <Descriptions.Item label={t('campaigns.direct.revenue')}>{money(r.direct.revenueFen)}</Descriptions.Item>
            <Descriptions.Item label={t('campaigns.coupons')}>
              {r.couponsRedeemed} / {r.couponsIssued}
            </Descriptions.Item>
            {r.event && (
              <>
                <Descriptions.Item label={t('campaigns.event.signedUp')}>
                  <span data-testid="event-signed-up">{r.event.signedUp}</span>
                  {r.event.controlSignedUp > 0 && ` (${t('campaigns.group.control')} ${r.event.controlSignedUp})`}
                </Descriptions.Item>
                <Descriptions.Item label={t('campaigns.event.checkedIn')}>{r.event.checkedIn}</Descriptions.Item>
                <Descriptions.Item label={t('campaigns.event.successRate')}>
                  {r.event.successRate === null ? '—' : `${r.event.successRate}%`}
                </Descriptions.Item>
              </>
            )}
            <Descriptions.Item label={t('campaigns.costTotal')}>{money(r.costFen)}</Descriptions.Item>
            <Descriptions.Item label={t('campaigns.window')}>
              {new Date(r.windowStart).toLocaleDateString(locale)} – {new Date(r.windowEnd).toLocaleDateString(locale)}
            </Descriptions.Item>
          </Descriptions>
        </Card>
      )}
    </>
  );
};
