import { Badge, List } from 'antd-mobile';
import { useNavigate } from 'react-router-dom';
import type { ComplaintNotice } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { useNoticeSeen, useNotices } from './api.ts';

const clock = new Intl.DateTimeFormat('zh-CN', {
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const stamp = (iso: string) => clock.format(new Date(iso));

/** What a notice says: the deadline and when it is due, the level reached, who handed the case over. */
const NoticeText = ({ n }: { n: ComplaintNotice }) => {
  const { t } = useI18n();
  if (n.kind === 'deadline_warning' && n.deadline)
    return <>{t('cases.notice.warning', { kind: t(`cases.deadline.${n.deadline}`), due: stamp(n.due ?? n.at) })}</>;
  if (n.kind === 'escalated') return <>{t('cases.notice.escalated', { level: String(n.level ?? '') })}</>;
  return <>{t(`cases.notice.${n.kind as 'assigned' | 'transferred'}`, { from: n.from?.name ?? '' })}</>;
};

/**
 * 提醒: the advisor's complaint notices on top of their case list, unread first; opening one marks it read
 * and goes to the case.
 */
export const CaseNotices = () => {
  const { t } = useI18n();
  const navigate = useNavigate();
  const notices = useNotices();
  const seen = useNoticeSeen();
  const items = (notices.data?.items ?? []).filter((x) => x.open || !x.seenAt).slice(0, 20);
  if (items.length === 0) return null;
  return (
    <List header={t('cases.notices', { unread: notices.data?.unread ?? 0 })} data-testid="case-notices">
      {items.map((x) => (
        <List.Item
          key={x.id}
          prefix={x.seenAt ? null : <Badge content={Badge.dot} />}
          description={`${x.customerName} · ${x.summary}`}
          extra={stamp(x.at)}
          onClick={() => {
            if (!x.seenAt) seen.mutate(x.id);
            void navigate(`/complaints/${x.complaintId}`);
          }}
          data-testid="case-notice"
          data-kind={x.kind}
          data-seen={x.seenAt ? 'true' : 'false'}
        >
          <NoticeText n={x} />
        </List.Item>
      ))}
    </List>
  );
};
