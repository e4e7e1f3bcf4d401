import { Tag } from 'antd-mobile';
import { useI18n } from '../i18n.ts';
import './search.css';

type Props = { malicious: boolean; seasonal?: boolean | undefined; vipLevel?: string | null; tags?: readonly string[] };

/** VIP, malicious, seasonal: what to know before greeting the customer; then their own tags. */
export const Flags = ({ malicious, seasonal, vipLevel, tags = [] }: Props) => {
  const { t } = useI18n();
  if (!malicious && !seasonal && !vipLevel && tags.length === 0) return null;
  return (
    <div className="flags">
      {vipLevel && (
        <Tag color="warning" fill="outline">
          {t('customer.vip', { level: vipLevel })}
        </Tag>
      )}
      {malicious && (
        <Tag color="danger" data-testid="flag-malicious">
          {t('customer.flag.malicious')}
        </Tag>
      )}
      {seasonal && <Tag color="#f08c2e">{t('customer.flag.seasonal')}</Tag>}
      {tags.map((tag) => (
        <Tag key={tag} color="primary" fill="outline">
          {tag}
        </Tag>
      ))}
    </div>
  );
};
