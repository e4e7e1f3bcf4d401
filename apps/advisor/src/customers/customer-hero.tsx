import { Tag } from 'antd-mobile';
import { LockOutline, PhoneFill } from 'antd-mobile-icons';
import type { Customer } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { Flags } from './flags.tsx';
import { dayOf, surnameOf } from '@m4s/web-kit';

/**
 * Who the customer is and how to reach them. Phones are shown as the server sent them: a full number is
 * a tap to call, a masked one (138****0000) is only shown — the app never tries to reveal it.
 */
export const CustomerHero = ({ customer: c }: { customer: Customer }) => {
  const { t } = useI18n();
  const salutation =
    c.kind === 'organisation'
      ? [c.contactName, c.contactTitle].filter(Boolean).join(' · ')
      : c.gender && t(`customer.salutation.${c.gender}`, { surname: surnameOf(c.name) });
  return (
    <section className="c-hero" data-testid="customer-hero">
      <div className="c-hero-head">
        <span className="c-avatar" aria-hidden>
          {Array.from(c.name)[0] ?? '?'}
        </span>
        <div className="c-hero-who">
          <h1 className="c-name" data-testid="customer-name">
            {c.name}
            {salutation && <span className="c-salutation">{salutation}</span>}
          </h1>
          <div className="c-meta">
            {c.kind === 'organisation' && `${t('customer.kind.organisation')} · `}
            {t(`customer.source.${c.source}`)} · {t('c360.since', { date: dayOf(c.createdAt) })}
          </div>
        </div>
      </div>
      <Flags malicious={c.malicious} seasonal={c.seasonal} vipLevel={c.vipLevel} tags={c.tags} />
      <ul className="c-phones" data-testid="customer-phones">
        {c.phones.map((p) => (
          <li key={p.phone} className="c-phone">
            <span className="c-phone-number tabular" data-testid="customer-phone">
              {p.phone}
            </span>
            {p.primary && (
              <Tag color="primary" fill="outline">
                {t('customer.primary')}
              </Tag>
            )}
            {p.masked ? (
              <Tag color="default" data-testid="phone-masked">
                <LockOutline /> {t('c360.masked')}
              </Tag>
            ) : (
              <a className="c-call" href={`tel:${p.phone}`} aria-label={t('c360.call')}>
                <PhoneFill /> {t('c360.call')}
              </a>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
};
