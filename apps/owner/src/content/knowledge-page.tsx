import { useState } from 'react';
import { DotLoading, NavBar, SearchBar } from 'antd-mobile';
import { QuestionCircleOutline } from 'antd-mobile-icons';
import { useNavigate } from 'react-router-dom';
import { articleCategories, type ArticleCategory } from '@m4s/contracts';
import { EmptyState, LoadFailed } from '@m4s/web-kit/mobile';
import { useI18n } from '../i18n.ts';
import { useBack } from '../ui/use-back.ts';
import { useKnowledge } from './content-api.ts';
import './content.css';

/** 用车知识: search in the owner's own words (ranked by the server), or browse by category. */
export const KnowledgePage = () => {
  const { t } = useI18n();
  const navigate = useNavigate();
  const back = useBack('/life');
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const [category, setCategory] = useState<ArticleCategory | undefined>(undefined);
  const hits = useKnowledge(q, q ? undefined : category);

  const list = () => {
    if (hits.isPending)
      return (
        <div className="feed-loading">
          <DotLoading color="primary" />
        </div>
      );
    if (hits.isError) return <LoadFailed onRetry={() => void hits.refetch()} />;
    if (hits.data.items.length === 0)
      return (
        <EmptyState
          testId="kb-empty"
          icon={<QuestionCircleOutline />}
          title={t('kb.emptyTitle')}
          description={t('kb.emptyHint')}
        />
      );
    return (
      <ul className="kb-list" data-testid="kb-list">
        {hits.data.items.map((h) => (
          <li key={h.id}>
            <button
              type="button"
              className="kb-item"
              onClick={() => void navigate(`/knowledge/${h.id}`)}
              data-testid="kb-item"
            >
              <span className="kb-item-title">{h.title}</span>
              <span className="kb-item-excerpt">{h.excerpt}</span>
              <span className="feed-meta">
                <span className="feed-kind">{t(h.kind === 'faq' ? 'kb.faq' : 'kb.article')}</span>
                <span>{t(`kb.category.${h.category}`)}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    );
  };

  return (
    <div className="sub-page" data-testid="page-knowledge">
      <NavBar className="sub-page-nav" onBack={back} backArrow>
        {t('kb.title')}
      </NavBar>
      <form
        role="search"
        className="kb-search"
        onSubmit={(e) => {
          e.preventDefault();
          setQ(draft.trim());
        }}
      >
        <SearchBar
          placeholder={t('kb.search')}
          value={draft}
          onChange={setDraft}
          onSearch={(v) => setQ(v.trim())}
          onClear={() => setQ('')}
          aria-label={t('kb.searchLabel')}
          data-testid="kb-search"
        />
      </form>
      {q ? null : (
        <nav className="kb-categories" aria-label={t('kb.categories')}>
          {([undefined, ...articleCategories] as const).map((c) => (
            <button
              key={c ?? 'all'}
              type="button"
              className={`kb-chip${category === c ? ' kb-chip-on' : ''}`}
              aria-pressed={category === c}
              onClick={() => setCategory(c)}
              data-testid={`kb-category-${c ?? 'all'}`}
            >
              {c ? t(`kb.category.${c}`) : t('kb.all')}
            </button>
          ))}
        </nav>
      )}
      {list()}
    </div>
  );
};
