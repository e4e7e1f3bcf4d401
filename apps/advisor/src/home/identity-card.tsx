import { Tag } from 'antd-mobile';
import { roleNames, storeBoundRoles, type StaffMe } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';

/** Who and where you are: name, role, store (or the whole group), dealer group. */
export const IdentityCard = ({ me }: { me: StaffMe }) => {
  const { t, locale } = useI18n();
  const { staff, tenant } = me;
  const store = staff.store?.name ?? (storeBoundRoles.includes(staff.role) ? t('home.noStore') : t('home.groupWide'));
  return (
    <section className="identity-card">
      <div className="identity-head">
        <span className="identity-avatar" aria-hidden>
          {Array.from(staff.name)[0] ?? '?'}
        </span>
        <div className="identity-who">
          <div className="identity-name" data-testid="me-name">
            {staff.name}
          </div>
          <Tag color="primary" fill="solid" round className="identity-role" data-testid="me-role">
            {roleNames[locale][staff.role]}
          </Tag>
        </div>
      </div>
      <dl className="identity-facts">
        <div className="identity-fact">
          <dt>{t('home.store')}</dt>
          <dd data-testid="me-store">{store}</dd>
        </div>
        <div className="identity-fact">
          <dt>{t('home.tenant')}</dt>
          <dd data-testid="me-tenant">{tenant.name}</dd>
        </div>
        <div className="identity-fact">
          <dt>{t('home.login')}</dt>
          <dd>{staff.login}</dd>
        </div>
      </dl>
    </section>
  );
};
