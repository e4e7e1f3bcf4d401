import { useState } from 'react';
import { Button, Card, Col, Descriptions, Empty, Flex, Image, Row, Skeleton, Tag, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import type { ComplaintCase, ComplaintEvent } from '@m4s/contracts';
import { api } from '@m4s/web-kit';
import { complaintRoutes } from '@m4s/contracts';
import { useNavigate, useParams } from 'react-router-dom';
import { useCan, useSignedInMe } from '../auth/session.ts';
import { useI18n, type MessageKey } from '../i18n.ts';
import { LoadFailedAlert } from '../layout/load-failed-alert.tsx';
import { formatDateTime } from '../lib/format.ts';
import { useCase, useImprovementDone, type CaseActionName } from './case-api.ts';
import { CaseActionModal } from './case-action-modal.tsx';
import { useNow } from './cases-page.tsx';
import { DeadlineTag } from './countdown.tsx';

const primary: readonly string[] = ['contact', 'accept', 'answer', 'resolve', 'follow_up', 'evaluate', 'close'];

/** What an event says besides its kind: who to whom, the escalation level, satisfied or not. */
const EventLine = ({ e }: { e: ComplaintEvent }) => {
  const { t, locale } = useI18n();
  const known = `complaint.event.${e.kind}` as MessageKey;
  const who = e.byOwner ? t('complaint.case.byOwner') : (e.actor?.name ?? t('complaint.case.system'));
  const level = e.kind === 'escalated' ? e.details?.split(':')[1] : null;
  return (
    <div data-testid={`case-event-${e.kind}`}>
      <Typography.Text strong>{t(known)}</Typography.Text>{' '}
      <Typography.Text type="secondary">
        {formatDateTime(e.at, locale)} · {who}
      </Typography.Text>{' '}
      {e.public ? <Tag color="green">{t('complaint.case.public')}</Tag> : <Tag>{t('complaint.case.internal')}</Tag>}
      {(e.from || e.to) && (
        <div>
          {e.from?.name ?? '—'} → {e.to?.name ?? (level === 'oem_regional_manager' ? t('complaint.level.3') : '—')}
        </div>
      )}
      {level && level !== 'oem_regional_manager' && (
        <Tag color="purple">{t(`complaint.level.${level as '1' | '2'}`)}</Tag>
      )}
      {e.kind === 'deadline_warning' && e.details && (
        <Tag color="orange">{t(`complaint.deadline.${e.details.split(':')[0] as 'answer'}`)}</Tag>
      )}
      {e.text && <div style={{ whiteSpace: 'pre-wrap' }}>{e.text}</div>}
    </div>
  );
};

const Record = ({ page }: { page: ComplaintCase }) => {
  const { t, locale } = useI18n();
  const c = page.complaint;
  const done = useImprovementDone(c.id);
  const now = useNow();
  const me = useSignedInMe();
  const can = useCan();
  // An item is marked done by its owner or a manager (the server refuses anyone else).
  const mayMarkDone = (ownerId: string) => ownerId === me.staff.id || can('complaint.manage');
  return (
    <Card size="small" title={t('complaint.case.record')} data-testid="case-record">
      <Flex gap={6} wrap style={{ marginBottom: 12 }} data-testid="case-deadlines">
        {c.deadlines.map((d) => (
          <DeadlineTag key={d.kind} deadline={d} now={now} />
        ))}
      </Flex>
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('complaint.stage')}>
          <Tag color="geekblue" data-testid="case-stage">
            {t(`complaint.stage.${c.stage}`)}
          </Tag>
          {c.escalationLevel > 0 && <Tag color="purple">{t(`complaint.level.${c.escalationLevel as 1 | 2 | 3}`)}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t('complaint.category')}>
          {t(`complaint.category.${c.category}`)} · {t(`complaint.channel.${c.channel}`)} ·{' '}
          {t(`complaint.severity.${c.severity}`)}
        </Descriptions.Item>
        {c.classification && (
          <Descriptions.Item label={t('complaint.class')}>{t(`complaint.class.${c.classification}`)}</Descriptions.Item>
        )}
        {c.cause && (
          <Descriptions.Item label={t('complaint.cause')}>{t(`complaint.cause.${c.cause}`)}</Descriptions.Item>
        )}
        <Descriptions.Item label={t('complaint.summary')}>{c.summary}</Descriptions.Item>
        {c.customerRequest && <Descriptions.Item label={t('complaint.request')}>{c.customerRequest}</Descriptions.Item>}
        <Descriptions.Item label={t('complaint.case.receivedBy')}>
          {c.receivedBy?.name ?? t('complaint.channel.app')} · {formatDateTime(c.receivedAt, locale)}
        </Descriptions.Item>
        <Descriptions.Item label={t('complaint.case.handler')}>
          {c.handler ? (
            <>
              {c.handler.name}{' '}
              <Tag color={c.handlerAcceptedAt ? 'green' : 'orange'}>
                {t(c.handlerAcceptedAt ? 'complaint.case.accepted' : 'complaint.case.notAccepted')}
              </Tag>
            </>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('complaint.cases.responsible')}>{c.responsible?.name ?? '—'}</Descriptions.Item>
        {c.solution && (
          <Descriptions.Item label={t('complaint.case.solution')}>
            {c.solution} ({c.completionDate})
          </Descriptions.Item>
        )}
        {c.resolution && <Descriptions.Item label={t('complaint.resolution')}>{c.resolution}</Descriptions.Item>}
      </Descriptions>
      {c.photoIds.length > 0 && (
        <Flex gap={8} wrap data-testid="case-photos">
          {c.photoIds.map((photoId) => (
            <Image key={photoId} width={96} src={api.href(complaintRoutes.photo, { params: { id: c.id, photoId } })} />
          ))}
        </Flex>
      )}
      {page.improvements.length > 0 && (
        <>
          <Typography.Title level={5}>{t('complaint.case.improvements')}</Typography.Title>
          {page.improvements.map((i) => (
            <Flex key={i.id} gap={8} align="center" data-testid="case-improvement">
              <span>
                {i.what} · {i.owner.name} · {i.due}
              </span>
              {i.doneAt ? (
                <Tag color="green">{t('complaint.case.done')}</Tag>
              ) : (
                mayMarkDone(i.owner.id) && (
                  <Button size="small" onClick={() => done.mutate(i.id)} data-testid="case-improvement-done">
                    {t('complaint.case.improvementDone')}
                  </Button>
                )
              )}
            </Flex>
          ))}
        </>
      )}
    </Card>
  );
};

/** 案件: the record with its deadlines, the log (internal and public), and the actions its stage allows. */
export const CasePage = () => {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const query = useCase(id);
  const [action, setAction] = useState<CaseActionName | null>(null);
  if (query.error) return <LoadFailedAlert error={query.error} />;
  if (!query.data) return <Skeleton active />;
  const page = query.data;
  const actions = page.actions as CaseActionName[];
  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Flex align="center" gap={8}>
          <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/complaints')}>
            {t('complaint.case.back')}
          </Button>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('complaint.case.title', {
              kind: t(`complaint.kind.${page.complaint.kind}`),
              customer: page.customerName,
            })}
          </Typography.Title>
        </Flex>
        <Flex gap={8} wrap data-testid="case-actions">
          {actions.map((a) => (
            <Button
              key={a}
              type={primary.includes(a) ? 'primary' : 'default'}
              onClick={() => setAction(a)}
              data-testid={`case-action-${a}`}
            >
              {t(`complaint.action.${a}`)}
            </Button>
          ))}
        </Flex>
      </Flex>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Record page={page} />
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('complaint.case.log')} data-testid="case-log">
            {page.events.length === 0 ? (
              <Empty />
            ) : (
              <Timeline items={page.events.map((e) => ({ key: e.id, children: <EventLine e={e} /> }))} />
            )}
          </Card>
        </Col>
      </Row>
      <CaseActionModal complaint={page.complaint} action={action} onDone={() => setAction(null)} />
    </>
  );
};
