import type { ComponentType } from 'react';
import { List, Tag } from 'antd-mobile';
import {
  CalendarOutline,
  CheckShieldOutline,
  CheckCircleOutline,
  ExclamationTriangleOutline,
  LoopOutline,
  TravelOutline,
  StarOutline,
  FillinOutline,
  TruckOutline,
  GiftOutline,
  KeyOutline,
  SoundOutline,
} from 'antd-mobile-icons';
import { useNavigate } from 'react-router-dom';
import type { ServiceIcon } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { pick, useMyRequests, useOwnerServices } from './services-api.ts';
import './services.css';

const icons: Record<ServiceIcon, ComponentType> = {
  calendar: CalendarOutline,
  rescue: SoundOutline,
  shield: CheckShieldOutline,
  check: CheckCircleOutline,
  warning: ExclamationTriangleOutline,
  swap: LoopOutline,
  car: TravelOutline,
  award: StarOutline,
  drop: FillinOutline,
  truck: TruckOutline,
  gift: GiftOutline,
  key: KeyOutline,
};

/**
 * 车业务's tiles: the services the dealer switched on (a plugin's tile opens its form, or its own flow).
 * `shownAbove`: services the tab already shows as a card of their own (booking, with the next booking), not
 * repeated as a tile.
 */
export const ServiceTiles = ({ shownAbove = [] }: { shownAbove?: readonly string[] }) => {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const offer = useOwnerServices();
  const items = (offer.data?.items ?? []).filter((i) => !shownAbove.includes(i.id));
  return (
    <section className="soon-grid-card" aria-label={t('svc.title')} data-testid="service-tiles">
      <div className="section-title">{t('svc.title')}</div>
      {offer.isSuccess && items.length === 0 ? <p className="svc-note">{t('svc.none')}</p> : null}
      <div className="soon-grid">
        {items.map((item) => {
          const Icon = icons[item.icon];
          return (
            <button
              key={item.id}
              type="button"
              className={`soon-grid-item soon-grid-live${item.id === 'rescue' ? ' svc-urgent' : ''}`}
              onClick={() => void navigate(item.opens ?? `/services/${item.id}`)}
              data-testid={`service-${item.id}`}
            >
              <span className="soon-grid-icon" aria-hidden>
                <Icon />
              </span>
              <span className="soon-grid-label">{pick(item.name, locale)}</span>
            </button>
          );
        })}
      </div>
    </section>
  );
};

/** 我的服务请求: the owner's latest requests, open ones first, each with its status. */
export const MyRequests = () => {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const requests = useMyRequests();
  const items = [...(requests.data ?? [])].sort((a, b) => Number(a.closed) - Number(b.closed)).slice(0, 10);
  if (items.length === 0) return null;
  return (
    <List header={t('svc.myRequests')} mode="card" data-testid="svc-my-requests">
      {items.map((r) => (
        <List.Item
          key={r.id}
          onClick={() => void navigate(`/services/requests/${r.id}`)}
          extra={<Tag color={r.closed ? 'default' : 'primary'}>{pick(r.statusLabel, locale)}</Tag>}
          description={r.storeName}
          data-testid="svc-request-item"
        >
          {pick(r.serviceName, locale)}
        </List.Item>
      ))}
    </List>
  );
};
