import { DotLoading, NavBar } from 'antd-mobile';
import { useParams } from 'react-router-dom';
import { LoadFailed } from '@m4s/web-kit/mobile';
import { useI18n } from '../i18n.ts';
import { useBack } from '../ui/use-back.ts';
import { useArticle } from './content-api.ts';
import './content.css';

/** One article or FAQ, its text shown as text, paragraph by line. */
export const ArticlePage = () => {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const back = useBack('/knowledge');
  const article = useArticle(id);
  return (
    <div className="sub-page" data-testid="page-article">
      <NavBar className="sub-page-nav" onBack={back} backArrow>
        {t('kb.title')}
      </NavBar>
      {article.isPending ? (
        <div className="feed-loading">
          <DotLoading color="primary" />
        </div>
      ) : article.isError ? (
        <LoadFailed onRetry={() => void article.refetch()} />
      ) : (
        <article className="post">
          <div className="post-inner">
            <span className="feed-meta">
              <span className="feed-kind">{t(article.data.kind === 'faq' ? 'kb.faq' : 'kb.article')}</span>
              <span>{t(`kb.category.${article.data.category}`)}</span>
            </span>
            <h1 className="post-title" data-testid="article-title">
              {article.data.title}
            </h1>
            <div className="post-body" data-testid="article-body">
              {article.data.body.split(/\n+/).map((para, i) => (
                <p key={i}>{para}</p>
              ))}
            </div>
          </div>
        </article>
      )}
    </div>
  );
};
