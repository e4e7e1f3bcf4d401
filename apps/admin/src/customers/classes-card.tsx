import { Card, Descriptions, Flex, Tag, Typography } from 'antd';
import type { SegmentCustomerClasses } from '@m4s/contracts';
import { useCan } from '../auth/session.ts';
import { isMessageKey, useI18n } from '../i18n.ts';
import { LoadFailedAlert } from '../layout/load-failed-alert.tsx';
import { useCustomerClasses } from '../segments/segments-api.ts';
import styles from './customer-360.module.css';

const yuan = (fen: number) => (fen / 100).toLocaleString('zh-CN', { maximumFractionDigits: 0 });

/** Why the customer is in their RFM class: R, F, M and the band, or the nearest band and its distance. */
const RfmWhy = ({ c }: { c: SegmentCustomerClasses }) => {
  const { t } = useI18n();
  const why = c.rfmWhy;
  if (!why || why.basis === 'no_history') return <>{t('segments.why.noHistory')}</>;
  const r = why.recencyDays === null ? t('segments.why.never') : t('segments.why.daysAgo', { n: why.recencyDays });
  const vars = { r, f: why.visits12m, m: yuan(why.spend12mFen), d: (why.distance ?? 0).toFixed(2) };
  return <>{t(why.basis === 'band' ? 'segments.why.band' : 'segments.why.nearest', vars)}</>;
};

/**
 * 客户分类: the customer's classes as of the last pass and why — the visits behind the frequency class
 * (or the new owner's grace), R/F/M and the band or nearest band, and the flags (seasonal, lapsing).
 */
export const ClassesCard = ({ customerId }: { customerId: string }) => {
  const { t } = useI18n();
  const can = useCan();
  const allowed = can('segment.read');
  const q = useCustomerClasses(customerId, allowed);
  if (!allowed) return null;
  const c = q.data;
  const label = (dimension: string, value: string | null) => {
    const key = `segments.class.${dimension}.${value ?? ''}`;
    return isMessageKey(key) ? t(key) : (value ?? '');
  };
  const lastVisit =
    c?.rfmWhy?.recencyDays == null ? t('segments.why.never') : t('segments.why.daysAgo', { n: c.rfmWhy.recencyDays });
  return (
    <Card
      title={t('segments.why.title')}
      size="small"
      className={styles.card}
      loading={q.isPending}
      extra={
        c?.computedOn && (
          <Typography.Text type="secondary" className="tabular">
            {t('segments.why.computedOn', { date: c.computedOn })}
          </Typography.Text>
        )
      }
      data-testid="customer-classes"
    >
      <LoadFailedAlert error={q.error} />
      {c && !c.classified && <Typography.Text type="secondary">{t('segments.why.notYet')}</Typography.Text>}
      {c?.classified && (
        <Flex vertical gap={8}>
          {(c.seasonal || c.lapsing) && (
            <Flex gap={4} wrap>
              {c.seasonal && (
                <Tag color="orange" data-testid="class-flag-seasonal">
                  {t('segments.class.flag.seasonal')}
                </Tag>
              )}
              {c.lapsing && (
                <Tag color="red" data-testid="class-flag-lapsing">
                  {t('segments.class.flag.lapsing')}
                </Tag>
              )}
            </Flex>
          )}
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('segments.dim.frequency')}>
              <span data-testid="class-frequency">
                <Typography.Text strong>{label('frequency', c.frequency)}</Typography.Text>
                <br />
                <Typography.Text type="secondary">
                  {c.frequency === 'new_owner' && c.newOwnerUntil
                    ? t('segments.why.newOwner', { date: c.newOwnerUntil })
                    : t('segments.why.frequency', { n: c.visits12m })}
                </Typography.Text>
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('segments.dim.rfm')}>
              <span data-testid="class-rfm">
                <Typography.Text strong>{label('rfm', c.rfm)}</Typography.Text>
                <br />
                <Typography.Text type="secondary">
                  <RfmWhy c={c} />
                </Typography.Text>
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('segments.dim.loyalty')}>{label('loyalty', c.loyalty)}</Descriptions.Item>
            <Descriptions.Item label={t('segments.dim.value')}>{label('value', c.value)}</Descriptions.Item>
          </Descriptions>
          {c.seasonal && <Typography.Text type="secondary">{t('segments.why.seasonal')}</Typography.Text>}
          {c.lapsing && (
            <Typography.Text type="danger" data-testid="class-lapsing-why">
              {c.usualGapDays === null
                ? t('segments.why.lapsingNoGap', { r: lastVisit })
                : t('segments.why.lapsing', { r: lastVisit, gap: c.usualGapDays })}
            </Typography.Text>
          )}
          <Typography.Text type="secondary" className="tabular">
            {t('segments.why.clv', { v: yuan(c.clvFen) })}
          </Typography.Text>
        </Flex>
      )}
    </Card>
  );
};
