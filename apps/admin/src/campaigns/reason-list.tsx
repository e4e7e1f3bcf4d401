import { Flex, List, Typography } from 'antd';
import type { CampaignCounts } from '@m4s/contracts';
import { isMessageKey, useI18n } from '../i18n.ts';

/** Held back, by reason: the control group and the contact gate's reasons (consent, complaint, caps …). */
export const ReasonList = ({ counts }: { counts: CampaignCounts }) => {
  const { t } = useI18n();
  const rows = Object.entries(counts.reasons).sort((a, b) => b[1] - a[1]);
  if (rows.length === 0) return null;
  return (
    <List
      size="small"
      header={<Typography.Text strong>{t('campaigns.heldWhy')}</Typography.Text>}
      dataSource={rows}
      renderItem={([reason, n]) => {
        const key = `campaigns.reason.${reason}`;
        return (
          <List.Item data-testid={`reason-${reason}`}>
            <Flex justify="space-between" style={{ width: '100%' }}>
              <span>{isMessageKey(key) ? t(key) : reason}</span>
              <Typography.Text strong>{n}</Typography.Text>
            </Flex>
          </List.Item>
        );
      }}
    />
  );
};
