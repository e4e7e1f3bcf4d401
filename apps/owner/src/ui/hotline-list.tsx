import { List } from 'antd-mobile';
import { PhoneFill } from 'antd-mobile-icons';
import { useI18n } from '../i18n.ts';
import { useTenant } from '../tenant/tenant-context.tsx';

/** The dealer's and the manufacturer's hotlines from the tenant's branding, as tappable tel: rows. */
export const HotlineList = ({ header }: { header?: string }) => {
  const tenant = useTenant();
  const { t } = useI18n();
  const lines = [
    { key: 'dealer', label: t('hotline.dealer'), number: tenant.dealerHotline },
    { key: 'oem', label: t('hotline.oem'), number: tenant.oemHotline },
  ].filter((l): l is { key: string; label: string; number: string } => Boolean(l.number));
  return (
    <List header={header} mode="card" className="hotline-list">
      {lines.length === 0 ? <List.Item>{t('hotline.none')}</List.Item> : null}
      {lines.map((l) => (
        <List.Item
          key={l.key}
          prefix={<PhoneFill className="hotline-icon" />}
          description={l.number}
          arrowIcon
          onClick={() => window.location.assign(`tel:${l.number}`)}
        >
          <a
            className="hotline-link"
            href={`tel:${l.number}`}
            data-testid={`hotline-${l.key}`}
            onClick={(e) => e.stopPropagation()}
          >
            {l.label}
          </a>
        </List.Item>
      ))}
    </List>
  );
};
