import { DotLoading, NavBar } from 'antd-mobile';
import { CompassOutline, HeartFill, HeartOutline } from 'antd-mobile-icons';
import { useParams } from 'react-router-dom';
import { ApiError, stamp } from '@m4s/web-kit';
import { EmptyState, LoadFailed } from '@m4s/web-kit/mobile';
import { useI18n } from '../i18n.ts';
import { useTenant } from '../tenant/tenant-context.tsx';
import { useBack } from '../ui/use-back.ts';
import { coverUrl, useLike, usePost } from './content-api.ts';
import './content.css';

/** One post: its text shown as text (paragraphs by line), the cover, and the owner's like. */
export const PostPage = () => {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const tenant = useTenant();
  const back = useBack('/life');
  const post = usePost(id);
  const like = useLike(id);

  const body = () => {
    if (post.isPending)
      return (
        <div className="feed-loading">
          <DotLoading color="primary" />
        </div>
      );
    if (post.isError) {
      const gone = post.error instanceof ApiError && post.error.status === 404;
      return gone ? (
        <EmptyState
          testId="post-gone"
          icon={<CompassOutline />}
          title={t('feed.gone')}
          description={t('feed.emptyHint', { name: tenant.shortName })}
        />
      ) : (
        <LoadFailed onRetry={() => void post.refetch()} />
      );
    }
    const p = post.data;
    return (
      <article className="post" data-testid="post">
        {p.hasCover ? <img className="post-cover" src={coverUrl(p.id)} alt={t('feed.coverAlt')} /> : null}
        <div className="post-inner">
          <span className="feed-meta">
            <span className={`feed-kind feed-kind-${p.kind}`}>{t(`post.kind.${p.kind}`)}</span>
            <span>{p.storeName ?? t('feed.group')}</span>
            <time dateTime={p.publishAt}>{stamp(p.publishAt)}</time>
          </span>
          <h1 className="post-title" data-testid="post-title">
            {p.title}
          </h1>
          <div className="post-body" data-testid="post-body">
            {p.body.split(/\n+/).map((para, i) => (
              <p key={i}>{para}</p>
            ))}
          </div>
          <div className="post-actions">
            <span className="feed-counts">{t('feed.reads', { count: p.reads })}</span>
            <button
              type="button"
              className={`like-button${p.liked ? ' like-button-on' : ''}`}
              aria-pressed={p.liked}
              disabled={like.isPending}
              onClick={() => like.mutate(!p.liked)}
              data-testid="post-like"
            >
              {p.liked ? <HeartFill aria-hidden /> : <HeartOutline aria-hidden />}
              <span className="sr-only">{t('feed.like')}</span>
              <span data-testid="post-likes">{p.likes}</span>
            </button>
          </div>
        </div>
      </article>
    );
  };

  return (
    <div className="sub-page" data-testid="page-post">
      <NavBar className="sub-page-nav" onBack={back} backArrow>
        {t('feed.detailTitle')}
      </NavBar>
      {body()}
    </div>
  );
};
