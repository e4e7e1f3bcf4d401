import { useState } from 'react';
import { List, Tag } from 'antd-mobile';
import { LoadFailed, PageLoading } from '@m4s/web-kit/mobile';
import type { ScoreComponent } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { PageBar } from '../customers/page-bar.tsx';
import { useMyScoreItems, useMyScorecard } from './api.ts';

type Key = Parameters<ReturnType<typeof useI18n>['t']>[0];
const label = (c: ScoreComponent) => `score.component.${c}` as Key;

/** 我的绩效: this month's five components (weight, score, what counted), the total and the rank in the store. */
export const ScorecardPage = () => {
  const { t } = useI18n();
  const card = useMyScorecard();
  const [open, setOpen] = useState<ScoreComponent | null>(null);
  const items = useMyScoreItems(card.data?.staffId, open);
  if (card.isPending) return <PageLoading />;
  if (!card.data) return <LoadFailed onRetry={() => void card.refetch()} />;
  const c = card.data;
  return (
    <div>
      <PageBar title={t('score.title')} />
      <List mode="card" header={c.period}>
        <List.Item extra={<strong data-testid="score-total">{c.total ?? t('score.noData')}</strong>}>
          {t('score.total')}
        </List.Item>
        <List.Item
          extra={<span data-testid="score-rank">{c.rank ? t('score.rankOf', { rank: c.rank, of: c.of }) : '—'}</span>}
        >
          {t('score.rank')}
        </List.Item>
      </List>
      <List mode="card">
        {c.lines.map((l) => (
          <List.Item
            key={l.component}
            onClick={() => setOpen(l.component)}
            description={`${t('score.weight', { weight: l.weight })} · ${t('score.detail', { num: l.numerator, den: l.denominator })}`}
            extra={<span data-testid={`score-${l.component}`}>{l.score ?? t('score.noData')}</span>}
          >
            {t(label(l.component))}
          </List.Item>
        ))}
      </List>
      {open && (
        <List mode="card" header={`${t(label(open))} · ${t('score.items')}`} data-testid="score-items">
          {(items.data?.items ?? []).map((i) => (
            <List.Item
              key={i.id}
              description={`${i.at.slice(0, 10)} · ${i.plate ?? ''}`}
              extra={
                i.counts === null ? null : i.counts ? (
                  <Tag color="success">{t('score.counts')}</Tag>
                ) : (
                  <Tag>{t('score.notCounted')}</Tag>
                )
              }
            >
              {i.customerName}
            </List.Item>
          ))}
          {items.data?.items.length === 0 && <List.Item>{t('score.empty')}</List.Item>}
        </List>
      )}
    </div>
  );
};
