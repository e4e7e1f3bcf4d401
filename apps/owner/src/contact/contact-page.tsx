import { useEffect, useState } from 'react';
import { Button, DotLoading, List, NavBar, Selector, Switch, Toast } from 'antd-mobile';
import { SetOutline } from 'antd-mobile-icons';
import {
  contactChannels,
  followUpSlots,
  optOutTopics,
  type ContactTopic,
  type OwnerContactPreferences,
} from '@m4s/contracts';
import { errorText } from '@m4s/web-kit';
import { EmptyState, LoadFailed } from '@m4s/web-kit/mobile';
import { useI18n } from '../i18n.ts';
import { useBack } from '../ui/use-back.ts';
import { useOwnerContact, useSaveOwnerContact } from './contact-api.ts';
import { RecentTouches } from './recent-touches.tsx';
import '../garage/garage.css';
import './contact.css';

/** The reminders an owner may switch off; offers go with the marketing switch, service notices always come. */
const careTopics = optOutTopics.filter((x) => x !== 'offers');

const Form = ({ initial }: { initial: OwnerContactPreferences }) => {
  const { t } = useI18n();
  const save = useSaveOwnerContact();
  const [prefs, setPrefs] = useState(initial);
  useEffect(() => setPrefs(initial), [initial]);
  const set = (patch: Partial<OwnerContactPreferences>) => setPrefs((p) => ({ ...p, ...patch }));
  const quietOn = prefs.quietStart !== null && prefs.quietEnd !== null;
  const topicOn = (topic: ContactTopic) => !prefs.topicsOptedOut.includes(topic);
  const toggleTopic = (topic: ContactTopic, on: boolean) =>
    set({ topicsOptedOut: on ? prefs.topicsOptedOut.filter((x) => x !== topic) : [...prefs.topicsOptedOut, topic] });

  const submit = () =>
    save.mutate(prefs, {
      onSuccess: () => Toast.show({ icon: 'success', content: t('contact.saved') }),
      onError: (error) => Toast.show({ content: errorText(error, t('contact.saveFailed')) }),
    });

  return (
    <>
      <List mode="card" header={t('contact.channels')}>
        {contactChannels.map((channel) => (
          <List.Item
            key={channel}
            extra={
              <Switch
                checked={prefs.channels.includes(channel)}
                onChange={(on) =>
                  set({ channels: on ? [...prefs.channels, channel] : prefs.channels.filter((x) => x !== channel) })
                }
                data-testid={`channel-${channel}`}
              />
            }
          >
            {t(`contact.channel.${channel}`)}
          </List.Item>
        ))}
      </List>
      <List mode="card" header={t('contact.quiet')}>
        <List.Item
          description={t('contact.quietHint')}
          extra={
            <Switch
              checked={quietOn}
              onChange={(on) =>
                set(on ? { quietStart: '21:00', quietEnd: '09:00' } : { quietStart: null, quietEnd: null })
              }
              data-testid="quiet-toggle"
            />
          }
        >
          {t('contact.quietOn')}
        </List.Item>
        {quietOn ? (
          <List.Item>
            <div className="quiet-times">
              <label>
                {t('contact.quietStart')}
                <input
                  type="time"
                  value={prefs.quietStart ?? ''}
                  onChange={(e) => set({ quietStart: e.target.value || null })}
                  data-testid="quiet-start"
                />
              </label>
              <label>
                {t('contact.quietEnd')}
                <input
                  type="time"
                  value={prefs.quietEnd ?? ''}
                  onChange={(e) => set({ quietEnd: e.target.value || null })}
                  data-testid="quiet-end"
                />
              </label>
            </div>
          </List.Item>
        ) : null}
      </List>
      <List mode="card" header={t('contact.topics')}>
        {careTopics.map((topic) => (
          <List.Item
            key={topic}
            extra={
              <Switch
                checked={topicOn(topic)}
                onChange={(on) => toggleTopic(topic, on)}
                data-testid={`topic-${topic}`}
              />
            }
          >
            {t(`topic.${topic}`)}
          </List.Item>
        ))}
        <List.Item
          description={t('contact.marketingHint')}
          extra={
            <Switch
              checked={!prefs.marketingOptOut}
              onChange={(on) => set({ marketingOptOut: !on })}
              data-testid="marketing-toggle"
            />
          }
        >
          {t('contact.marketing')}
        </List.Item>
      </List>
      <List mode="card" header={t('contact.slot')}>
        <List.Item>
          <Selector
            columns={3}
            value={[prefs.preferredSlot ?? 'any']}
            options={[
              { label: t('contact.slot.any'), value: 'any' },
              ...followUpSlots.map((slot) => ({ label: t(`contact.slot.${slot}`), value: slot })),
            ]}
            onChange={([value]) =>
              set({
                preferredSlot: value && value !== 'any' ? value : null,
              })
            }
            data-testid="slot-selector"
          />
        </List.Item>
      </List>
      <div className="contact-save">
        <Button block color="primary" loading={save.isPending} onClick={submit} data-testid="contact-save">
          {t('contact.save')}
        </Button>
      </div>
    </>
  );
};

/** 我的 › 消息设置: channels, quiet hours, reminders and offers in one place, and what came of them lately. */
export const ContactPage = () => {
  const { t } = useI18n();
  const back = useBack('/me');
  const contact = useOwnerContact();
  const body = () => {
    if (contact.isPending)
      return (
        <div className="garage-loading">
          <DotLoading color="primary" />
        </div>
      );
    if (contact.isError) return <LoadFailed onRetry={() => void contact.refetch()} />;
    if (!contact.data.preferences)
      return (
        <EmptyState
          testId="contact-no-record"
          icon={<SetOutline />}
          title={t('contact.noRecordTitle')}
          description={t('contact.noRecordHint')}
        />
      );
    return (
      <>
        <p className="contact-intro">{t('contact.intro')}</p>
        <Form initial={contact.data.preferences} />
        <RecentTouches items={contact.data.items} />
      </>
    );
  };
  return (
    <div className="contact-page" data-testid="page-contact">
      <NavBar onBack={back}>{t('contact.title')}</NavBar>
      {body()}
    </div>
  );
};
