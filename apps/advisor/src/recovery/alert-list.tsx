import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Tag } from 'antd-mobile';
import type { RecoveryAlert } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { useMyAlerts } from './api.ts';
import './recovery.css';

/**
 * Minutes until (or, negative, since) an instant, read again every 30 seconds — on the server's clock: `skew`
 * is the server's time minus this device's when the list was read.
 */
const useMinutesTo = (iso: string, skew: number) => {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return Math.ceil((Date.parse(iso) - (now + skew)) / 60_000);
};

export const timeText = (iso: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(
    new Date(iso),
  );

/** The countdown to the due time: minutes left within the next hours, late by how much, or the due time. */
export const Countdown = ({ alert, skew }: { alert: RecoveryAlert; skew: number }) => {
  const { t, locale } = useI18n();
  const minutes = useMinutesTo(alert.dueAt, skew);
  if (alert.status !== 'open') return null;
  if (minutes < 0)
    return (
      <Tag color="danger" data-testid="alert-countdown">
        {t('recovery.late', { minutes: -minutes })}
      </Tag>
    );
  return (
    <Tag color={minutes <= 60 ? 'warning' : 'default'} data-testid="alert-countdown">
      {minutes <= 120 ? t('recovery.dueIn', { minutes }) : t('recovery.dueAt', { time: timeText(alert.dueAt, locale) })}
    </Tag>
  );
};

export const AlertTags = ({ alert }: { alert: RecoveryAlert }) => {
  const { t } = useI18n();
  return (
    <>
      {alert.score !== null ? (
        <Tag color="danger" fill="outline">
          {t('recovery.score', { score: alert.score })}
        </Tag>
      ) : (
        <Tag color="danger" fill="outline">
          {t('recovery.critical')}
        </Tag>
      )}
      {alert.strong ? <Tag color="danger">{t('recovery.strong')}</Tag> : null}
      {alert.escalatedTo ? (
        <Tag color="warning" data-testid="alert-escalated">
          {t('recovery.escalated', { name: alert.escalatedTo.name })}
        </Tag>
      ) : null}
    </>
  );
};

/** 我的任务's top: open hot alerts, the most urgent first, each with its countdown and escalation. */
export const AlertList = () => {
  const { t } = useI18n();
  const navigate = useNavigate();
  const alerts = useMyAlerts();
  const items = alerts.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section className="alert-list" data-testid="alert-list">
      <h3 className="alert-list-title">{t('recovery.section')}</h3>
      {items.map((a) => (
        <article
          key={a.id}
          className={`alert-card${a.late ? ' alert-late' : ''}`}
          data-testid="alert-card"
          data-alert={a.id}
        >
          <header className="alert-card-head">
            <span className="alert-card-name">{a.customerName}</span>
            {a.plate ? <span>{a.plate}</span> : null}
            <Countdown alert={a} skew={alerts.data?.skew ?? 0} />
          </header>
          <div className="alert-card-meta">
            <AlertTags alert={a} />
            <span>{a.questionnaireName}</span>
          </div>
          <Button size="small" color="danger" onClick={() => navigate(`/recovery/${a.id}`)} data-testid="alert-open">
            {t('recovery.open')}
          </Button>
        </article>
      ))}
    </section>
  );
};
