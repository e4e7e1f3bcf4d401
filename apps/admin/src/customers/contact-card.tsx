import { Card, Descriptions, Flex, Tag, Tooltip, Typography } from 'antd';
import { LockOutlined, PhoneOutlined } from '@ant-design/icons';
import type { Customer } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import styles from './customer-360.module.css';

/**
 * Phones exactly as the server sent them: full for roles that call customers, 138****0000 for the rest.
 * Nothing here can reveal a masked number; the server alone decides, and audits every full view.
 */
export const ContactCard = ({ customer: c }: { customer: Customer }) => {
  const { t } = useI18n();
  const prefs = Object.entries(c.preferences);
  return (
    <Card title={t('c360.contact')} size="small" className={styles.card} data-testid="contact-card">
      <ul className={styles.phones} data-testid="customer-phones">
        {c.phones.map((p) => (
          <li key={p.phone} className={styles.phone}>
            <PhoneOutlined className={styles.phoneIcon} />
            <span className={`tabular ${styles.phoneNumber}`} data-testid="customer-phone">
              {p.phone}
            </span>
            {p.primary && <Tag color="blue">{t('customer.primary')}</Tag>}
            {p.masked && (
              <Tooltip title={t('c360.maskedHint')}>
                <Tag icon={<LockOutlined />} data-testid="phone-masked">
                  {t('c360.masked')}
                </Tag>
              </Tooltip>
            )}
          </li>
        ))}
      </ul>
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'addresses',
            label: t('customer.addresses'),
            children: c.addresses.length ? (
              <Flex vertical gap={4}>
                {c.addresses.map((a, i) => (
                  <span key={i}>
                    <Typography.Text type="secondary">
                      {t(`customer.address.${a.kind}`)}
                      {t('common.colon')}
                    </Typography.Text>
                    {a.text}
                  </span>
                ))}
              </Flex>
            ) : (
              <Typography.Text type="secondary">{t('c360.noAddress')}</Typography.Text>
            ),
          },
          ...(c.secondContact
            ? [
                {
                  key: 'second',
                  label: t('customer.secondContact'),
                  children: [c.secondContact.name, c.secondContact.relation, c.secondContact.phone]
                    .filter(Boolean)
                    .join(' · '),
                },
              ]
            : []),
          ...(prefs.length
            ? [
                {
                  key: 'prefs',
                  label: t('c360.preferences'),
                  children: (
                    <Flex vertical gap={2}>
                      {prefs.map(([k, v]) => (
                        <span key={k}>
                          <Typography.Text type="secondary">
                            {k}
                            {t('common.colon')}
                          </Typography.Text>
                          {v}
                        </span>
                      ))}
                    </Flex>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
};
