import { App, Button, Card, Col, Row, Spin, Table, Tag, Typography } from 'antd';
import type { Campaign, CampaignStatus } from '@m4s/contracts';
import { ApiError } from '@m4s/web-kit';
import { useNavigate, useParams } from 'react-router-dom';
import { useI18n, type MessageKey } from '../i18n.ts';
import { LoadFailedAlert } from '../layout/load-failed-alert.tsx';
import { PageHeader } from '../layout/page-header.tsx';
import { CampaignBuilder } from './campaign-builder.tsx';
import { CampaignResults } from './campaign-results.tsx';
import { useCampaign, useCampaigns, useCampaignTemplates, useCancel, useFromTemplate } from './campaign-api.ts';

const statusColor: Record<CampaignStatus, string> = {
  draft: 'default',
  scheduled: 'processing',
  sent: 'success',
  cancelled: 'error',
};

/** Seed 002's strategies A–D, one click from a draft. */
const ReadyCampaigns = () => {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const templates = useCampaignTemplates();
  const make = useFromTemplate();
  return (
    <Card title={t('campaigns.ready')} style={{ marginBottom: 16 }}>
      <LoadFailedAlert error={templates.error} />
      <Row gutter={[12, 12]}>
        {(templates.data ?? []).map((x) => (
          <Col key={x.strategy} xs={24} md={12} xl={6}>
            <Card size="small" title={x.title} data-testid={`ready-${x.strategy}`}>
              <Typography.Paragraph type="secondary" style={{ minHeight: 66 }}>
                {x.description}
              </Typography.Paragraph>
              <Button
                size="small"
                loading={make.isPending && make.variables === x.strategy}
                onClick={() =>
                  make.mutate(x.strategy, {
                    onSuccess: (c) => void navigate(`/campaigns/${c.id}`),
                    onError: (e) => void message.error(e instanceof ApiError ? e.message : t('common.networkError')),
                  })
                }
              >
                {t('campaigns.useReady')}
              </Button>
            </Card>
          </Col>
        ))}
      </Row>
    </Card>
  );
};

/** 营销活动: ready campaigns, the list, a new one. */
export const CampaignsPage = () => {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const list = useCampaigns();
  return (
    <>
      <PageHeader
        title={t('campaigns.title')}
        subtitle={t('campaigns.subtitle')}
        extra={
          <Button type="primary" onClick={() => void navigate('/campaigns/new')} data-testid="campaign-new">
            {t('campaigns.new')}
          </Button>
        }
      />
      <ReadyCampaigns />
      <Card>
        <LoadFailedAlert error={list.error} />
        <Table<Campaign>
          rowKey="id"
          size="middle"
          loading={list.isPending}
          dataSource={list.data}
          onRow={(c) => ({ onClick: () => void navigate(`/campaigns/${c.id}`), style: { cursor: 'pointer' } })}
          locale={{ emptyText: t('campaigns.empty') }}
          columns={[
            { title: t('campaigns.name'), dataIndex: 'name' },
            {
              title: t('campaigns.status'),
              dataIndex: 'status',
              render: (s: CampaignStatus) => (
                <Tag color={statusColor[s]}>{t(`campaigns.status.${s}` as MessageKey)}</Tag>
              ),
            },
            { title: t('campaigns.offer'), dataIndex: 'offerName' },
            { title: t('campaigns.count.reached'), render: (_, c) => c.counts?.reached ?? '—', align: 'right' },
            { title: t('campaigns.count.held'), render: (_, c) => c.counts?.held ?? '—', align: 'right' },
            {
              title: t('campaigns.sentAt'),
              render: (_, c) => (c.sentAt ? new Date(c.sentAt).toLocaleString(locale) : '—'),
            },
          ]}
          data-testid="campaign-list"
        />
      </Card>
    </>
  );
};

/** One campaign: the builder while a draft, its counts and results once sent. */
export const CampaignPage = () => {
  const { t } = useI18n();
  const { id = 'new' } = useParams();
  const isNew = id === 'new';
  const one = useCampaign(isNew ? null : id);
  const cancel = useCancel();
  const c = one.data ?? null;
  if (!isNew && one.isPending) return <Spin />;
  const cancellable = c && (c.status === 'draft' || c.status === 'scheduled');
  return (
    <>
      <PageHeader
        title={isNew ? t('campaigns.new') : (c?.name ?? '')}
        subtitle={c ? t(`campaigns.status.${c.status}` as MessageKey) : t('campaigns.builderHint')}
        extra={
          cancellable && (
            <Button danger onClick={() => cancel.mutate(c.id)} loading={cancel.isPending}>
              {t('campaigns.cancel')}
            </Button>
          )
        }
      />
      <LoadFailedAlert error={one.error} />
      {isNew || c?.status === 'draft' ? (
        <CampaignBuilder key={c?.id ?? 'new'} campaign={c} />
      ) : (
        c && <CampaignResults campaign={c} />
      )}
    </>
  );
};
