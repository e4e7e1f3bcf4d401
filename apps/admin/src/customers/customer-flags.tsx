import { Tag } from 'antd';
import { CrownOutlined, EnvironmentOutlined, WarningOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n.ts';

type Props = { malicious: boolean; seasonal?: boolean | undefined; vipLevel?: string | null | undefined };

/** The marks a receptionist must see before greeting the customer: VIP, malicious, seasonal or moved away. */
export const CustomerFlags = ({ malicious, seasonal, vipLevel }: Props) => {
  const { t } = useI18n();
  return (
    <>
      {vipLevel && (
        <Tag color="gold" icon={<CrownOutlined />} data-testid="flag-vip">
          {t('customer.vip', { level: vipLevel })}
        </Tag>
      )}
      {malicious && (
        <Tag color="red" icon={<WarningOutlined />} data-testid="flag-malicious">
          {t('customer.flag.malicious')}
        </Tag>
      )}
      {seasonal && (
        <Tag color="orange" icon={<EnvironmentOutlined />} data-testid="flag-seasonal">
          {t('customer.flag.seasonal')}
        </Tag>
      )}
    </>
  );
};

/** The customer's own tags, in the calm colour so the flags above stand out. */
export const CustomerTags = ({ tags }: { tags: readonly string[] }) => (
  <>
    {tags.map((tag) => (
      <Tag key={tag} color="blue" variant="filled">
        {tag}
      </Tag>
    ))}
  </>
);
