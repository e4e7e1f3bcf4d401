import { useState } from 'react';
import { Alert, Button, Card, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Complaint, Vehicle } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { useCan } from '../auth/session.ts';
import { LoadFailedAlert } from '../layout/load-failed-alert.tsx';
import { formatDateTime } from '../lib/format.ts';
import { useComplaints } from './complaint-api.ts';
import { useNavigate } from 'react-router-dom';
import { ComplaintFormModal } from './complaint-form.tsx';
import cardStyles from './customer-360.module.css';
import styles from './complaints.module.css';

type ItemProps = { complaint: Complaint; onOpen: (c: Complaint) => void };

const ComplaintItem = ({ complaint: c, onOpen }: ItemProps) => {
  const { t, locale } = useI18n();
  const who = (ref: Complaint['receivedBy']) => ref?.name ?? t('common.none');
  return (
    <div className={styles.item} data-testid="complaint-item">
      <Flex gap={8} align="center" wrap>
        <Tag color={c.status === 'open' ? 'orange' : 'default'} data-testid="complaint-status">
          {t(`complaint.status.${c.status}`)}
        </Tag>
        {c.severity !== 'normal' && (
          <Tag color="red" data-testid={c.severity === 'major' ? 'complaint-major' : 'complaint-severity'}>
            {t(`complaint.severity.${c.severity}`)}
          </Tag>
        )}
        <Typography.Text strong>{t(`complaint.category.${c.category}`)}</Typography.Text>
        <Tag>{t(`complaint.channel.${c.channel}`)}</Tag>
        {c.plate && <Tag color="blue">{c.plate}</Tag>}
        <Tag color="geekblue">{t(`complaint.stage.${c.stage}`)}</Tag>
        {/* Issue 15: a case is handled (and closed) on its own page, through its stages. */}
        <Button size="small" className={styles.tools} onClick={() => onOpen(c)} data-testid="complaint-open-case">
          {t('complaint.openCase')}
        </Button>
      </Flex>
      <Typography.Text type="secondary" className={styles.meta}>
        {t('complaint.received', { at: formatDateTime(c.receivedAt, locale) ?? '', name: who(c.receivedBy) })}
      </Typography.Text>
      <div className={styles.summary}>{c.summary}</div>
      {c.status === 'closed' && (
        <div className={styles.resolution} data-testid="complaint-resolution-text">
          <Typography.Text strong>
            {t('complaint.resolution')}
            {t('common.colon')}
          </Typography.Text>
          {c.resolution}
          <Typography.Text type="secondary" className={styles.meta}>
            {t('complaint.closedBy', { at: formatDateTime(c.closedAt, locale) ?? '', name: who(c.closedBy) })}
          </Typography.Text>
        </div>
      )}
    </div>
  );
};

/**
 * 投诉记录: every complaint of the customer, newest first. While one is open the contact gate holds back
 * care and marketing touches, so the card says so above the list.
 */
export const ComplaintsCard = ({ customerId, vehicles }: { customerId: string; vehicles: Vehicle[] }) => {
  const { t } = useI18n();
  const canWrite = useCan()('customer.write');
  const complaints = useComplaints(customerId);
  const [adding, setAdding] = useState(false);
  const navigate = useNavigate();
  const items = complaints.data ?? [];
  const openCount = items.filter((c) => c.status === 'open').length;

  return (
    <Card
      title={t('complaint.title')}
      size="small"
      className={cardStyles.card}
      data-testid="complaints-card"
      extra={
        canWrite && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="complaint-add">
            {t('complaint.add')}
          </Button>
        )
      }
    >
      <LoadFailedAlert error={complaints.error} />
      {openCount > 0 && (
        <Alert
          type="warning"
          showIcon
          className={styles.hint}
          title={t('complaint.openHint', { count: openCount })}
          data-testid="complaint-open-hint"
        />
      )}
      {complaints.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('complaint.empty')} />
      ) : (
        items.map((c) => (
          <ComplaintItem key={c.id} complaint={c} onOpen={(x) => void navigate(`/complaints/${x.id}`)} />
        ))
      )}
      <ComplaintFormModal customerId={customerId} vehicles={vehicles} open={adding} onClose={() => setAdding(false)} />
    </Card>
  );
};
