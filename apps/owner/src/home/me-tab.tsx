import { Avatar, Badge, List } from 'antd-mobile';
import {
  BellOutline,
  CalendarOutline,
  FileOutline,
  FlagOutline,
  GiftOutline,
  MessageOutline,
  SetOutline,
  UserAddOutline,
} from 'antd-mobile-icons';
import { useNavigate } from 'react-router-dom';
import { LanguageSwitch, SignOutButton } from '@m4s/web-kit/mobile';
import { useI18n } from '../i18n.ts';
import { useInbox } from '../inbox/inbox-api.ts';
import { useOwnerLoyalty } from '../loyalty/loyalty-api.ts';
import { MemberCard } from '../loyalty/member-card.tsx';
import '../loyalty/loyalty.css';
import { useOwnerSession, useOwnerSignOut } from '../session/owner-session.ts';
import { BrandMark } from '../tenant/brand-mark.tsx';
import { useTenant } from '../tenant/tenant-context.tsx';
import { HotlineList } from '../ui/hotline-list.tsx';
import { ChatEntry } from '../chat/chat-entry.tsx';

/** 我的: who is signed in, with which dealer, how to reach them, language and sign-out. */
export const MeTab = () => {
  const tenant = useTenant();
  const { me } = useOwnerSession();
  const { t } = useI18n();
  const signOut = useOwnerSignOut();
  const navigate = useNavigate();
  const unread = useInbox().data?.unread ?? 0;
  const member = useOwnerLoyalty().data?.member ?? null;
  return (
    <div className="tab-page" data-testid="page-me">
      <section className="profile-card">
        <Avatar src="" className="profile-avatar" />
        <div className="profile-text">
          {me?.owner.name ? <div className="profile-name">{me.owner.name}</div> : null}
          <div className={me?.owner.name ? 'profile-phone' : 'profile-name'} data-testid="me-phone">
            {me?.owner.phoneMasked}
          </div>
          <div className="profile-sub">{t('me.member', { name: tenant.shortName })}</div>
        </div>
      </section>
      {member ? <MemberCard member={member} onClick={() => void navigate('/me/loyalty')} /> : null}
      <ChatEntry />
      <List mode="card">
        <List.Item
          prefix={<BrandMark tenant={tenant} size={28} />}
          extra={<span data-testid="me-dealer">{tenant.name}</span>}
        >
          {t('me.dealer')}
        </List.Item>
      </List>
      <List mode="card">
        <List.Item
          prefix={<GiftOutline className="hotline-icon" />}
          onClick={() => void navigate('/me/loyalty')}
          data-testid="me-loyalty"
        >
          {t('loyalty.entry')}
        </List.Item>
        <List.Item
          prefix={<UserAddOutline className="hotline-icon" />}
          onClick={() => void navigate('/me/referrals')}
          data-testid="me-referrals"
        >
          {t('referral.entry')}
        </List.Item>
        <List.Item
          prefix={<FlagOutline className="hotline-icon" />}
          onClick={() => void navigate('/events')}
          data-testid="me-events"
        >
          {t('events.entry')}
        </List.Item>
        <List.Item
          prefix={<FileOutline className="hotline-icon" />}
          onClick={() => void navigate('/records')}
          data-testid="me-vehicles"
        >
          {t('me.vehicles')}
        </List.Item>
        <List.Item
          prefix={<CalendarOutline className="hotline-icon" />}
          onClick={() => void navigate('/bookings')}
          data-testid="me-bookings"
        >
          {t('me.bookings')}
        </List.Item>
        <List.Item
          prefix={<BellOutline className="hotline-icon" />}
          extra={unread > 0 ? <Badge content={unread > 99 ? '99+' : unread} data-testid="me-inbox-unread" /> : null}
          onClick={() => void navigate('/messages')}
          data-testid="me-inbox"
        >
          {t('me.inbox')}
        </List.Item>
        <List.Item
          prefix={<MessageOutline className="hotline-icon" />}
          onClick={() => void navigate('/feedback')}
          data-testid="me-feedback"
        >
          {t('feedback.entry')}
        </List.Item>
        <List.Item
          prefix={<SetOutline className="hotline-icon" />}
          onClick={() => void navigate('/me/contact')}
          data-testid="me-contact"
        >
          {t('contact.entry')}
        </List.Item>
      </List>
      <HotlineList />
      <List mode="card">
        <List.Item extra={<LanguageSwitch />}>{t('me.language')}</List.Item>
      </List>
      <SignOutButton signOut={signOut}>{t('me.signOut')}</SignOutButton>
    </div>
  );
};
