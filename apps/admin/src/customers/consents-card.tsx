import { Card, Empty, Flex, Tag, Typography } from 'antd';
import type { CustomerOverview } from '@m4s/contracts';
import { isMessageKey, useI18n } from '../i18n.ts';
import { formatDateTime } from '../lib/format.ts';
import styles from './customer-360.module.css';

type Consent = CustomerOverview['consents'][number];

/** Every consent given or withdrawn, and how: the record a PIPL request or a complaint is answered from. */
export const ConsentsCard = ({ consents }: { consents: Consent[] }) => {
  const { t, locale } = useI18n();
  const label = (prefix: 'consents.subject' | 'consents.via', value: string) => {
    const key = `${prefix}.${value}`;
    return isMessageKey(key) ? t(key) : value;
  };
  return (
    <Card title={t('consents.title')} size="small" className={styles.card} data-testid="consents-card">
      {consents.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('consents.empty')} />
      ) : (
        <Flex vertical gap={8}>
          {consents.map((c, i) => (
            <Flex key={`${c.at}-${i}`} justify="space-between" gap={8} className={styles.consent}>
              <span>
                <Tag color={c.granted ? 'green' : 'red'}>
                  {t(c.granted ? 'consents.granted' : 'consents.withdrawn')}
                </Tag>
                {label('consents.subject', c.subject)}
                <Typography.Text type="secondary"> · {label('consents.via', c.via)}</Typography.Text>
              </span>
              <Typography.Text type="secondary" className="tabular nowrap">
                {formatDateTime(c.at, locale)}
              </Typography.Text>
            </Flex>
          ))}
        </Flex>
      )}
    </Card>
  );
};
