import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';

/** Title, one line of explanation, and the page's main actions on the right. */
export const PageHeader = ({ title, subtitle, extra }: { title: string; subtitle?: string; extra?: ReactNode }) => (
  <Flex justify="space-between" align="flex-end" gap={16} wrap style={{ marginBottom: 16 }}>
    <div>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      {subtitle && (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
          {subtitle}
        </Typography.Text>
      )}
    </div>
    {extra}
  </Flex>
);
