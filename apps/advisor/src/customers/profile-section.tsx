import type { ReactNode } from 'react';
import { Tag } from 'antd-mobile';
import type { Customer, CustomerOverview } from '@m4s/contracts';
import { useI18n, type AdvisorMessageKey } from '../i18n.ts';
import { useStaffNames } from './api.ts';
import { stamp } from '@m4s/web-kit';
import { Nothing, Section } from './section.tsx';

const Facts = ({ rows }: { rows: [string, ReactNode][] }) => (
  <dl className="c-facts">
    {rows.map(([label, value], i) => (
      <div key={`${label}-${i}`} className="c-fact">
        <dt>{label}</dt>
        <dd>{value}</dd>
      </div>
    ))}
  </dl>
);

/** A key built from stored data (a topic id, a consent channel): translated when known, shown as stored otherwise. */
const useLabel = () => {
  const { t } = useI18n();
  return (key: string, fallback: string) =>
    t(key as AdvisorMessageKey) === key ? fallback : t(key as AdvisorMessageKey);
};

export const ProfileSection = ({ customer: c }: { customer: Customer }) => {
  const { t } = useI18n();
  const names = useStaffNames();
  const none = <span className="c-muted">{t('c360.none')}</span>;
  // Nobody on the staff: the name an imported file gave, noted as not matched.
  const staff = (id: string | null, kept: string | null) =>
    id ? (names.data?.get(id) ?? '—') : kept ? `${kept}${t('customer.staffUnmatched')}` : none;
  const rows: [string, ReactNode][] = [
    [t('customer.birthday'), c.birthday ?? none],
    [t('customer.preferredSlot'), c.preferredSlot ? t(`customer.slot.${c.preferredSlot}`) : none],
    [t('customer.serviceAdvisor'), staff(c.serviceAdvisorId, c.serviceAdvisorName)],
    [t('customer.salesConsultant'), staff(c.salesConsultantId, c.salesConsultantName)],
  ];
  for (const [k, v] of Object.entries(c.preferences)) rows.push([k, v]);
  if (c.notes) rows.push([t('customer.notes'), c.notes]);
  return (
    <Section title={t('c360.profile')} testId="profile">
      <Facts rows={rows} />
    </Section>
  );
};

type Consent = CustomerOverview['consents'][number];

export const PrefsSection = ({ customer, consents }: { customer: Customer; consents: Consent[] }) => {
  const { t } = useI18n();
  const label = useLabel();
  const p = customer.preferencesContact;
  const none = <span className="c-muted">{t('prefs.none')}</span>;
  return (
    <>
      <Section title={t('c360.prefs')} testId="prefs">
        <Facts
          rows={[
            [
              t('prefs.channels'),
              p.channels.length ? p.channels.map((ch) => t(`prefs.channel.${ch}`)).join('、') : t('prefs.channelsNone'),
            ],
            [t('prefs.quiet'), p.quietStart && p.quietEnd ? `${p.quietStart}–${p.quietEnd}` : none],
            [
              t('prefs.topics'),
              p.topicsOptedOut.length ? p.topicsOptedOut.map((x) => label(`prefs.topic.${x}`, x)).join('、') : none,
            ],
            [
              t('prefs.marketing'),
              <Tag color={p.marketingOptOut ? 'danger' : 'success'} fill="outline">
                {t(p.marketingOptOut ? 'prefs.marketingOut' : 'prefs.marketingIn')}
              </Tag>,
            ],
          ]}
        />
      </Section>
      <Section title={t('c360.consents')} testId="consents">
        {consents.length === 0 ? (
          <Nothing>{t('c360.noConsents')}</Nothing>
        ) : (
          <Facts
            rows={consents.map((c) => [
              stamp(c.at),
              <span>
                {t(c.granted ? 'consents.granted' : 'consents.withdrawn')} ·{' '}
                {label(`consents.subject.${c.subject}`, c.subject)} · {label(`consents.via.${c.via}`, c.via)}
              </span>,
            ])}
          />
        )}
      </Section>
    </>
  );
};
