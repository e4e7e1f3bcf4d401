import { Button, DotLoading } from 'antd-mobile';
import { CompassOutline, EyeOutline, HeartOutline } from 'antd-mobile-icons';
import { useNavigate } from 'react-router-dom';
import type { FeedItem } from '@m4s/contracts';
import { stamp } from '@m4s/web-kit';
import { EmptyState, LoadFailed } from '@m4s/web-kit/mobile';
import { useI18n } from '../i18n.ts';
import { useTenant } from '../tenant/tenant-context.tsx';
import { coverUrl, useFeed } from './content-api.ts';
import './content.css';

/** One post in the feed: its kind, title and summary as text (never markup), cover, counts. */
const PostCard = ({ item }: { item: FeedItem }) => {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <li>
      <button
        type="button"
        className="feed-card"
        onClick={() => void navigate(`/life/posts/${item.id}`)}
        data-testid="feed-item"
      >
        {item.hasCover ? <img className="feed-cover" src={coverUrl(item.id)} alt="" loading="lazy" /> : null}
        <span className="feed-card-body">
          <span className="feed-meta">
            <span className={`feed-kind feed-kind-${item.kind}`}>{t(`post.kind.${item.kind}`)}</span>
            <span>{item.storeName ?? t('feed.group')}</span>
            <time dateTime={item.publishAt}>{stamp(item.publishAt)}</time>
          </span>
          <span className="feed-title" data-testid="feed-title">
            {item.title}
          </span>
          {item.summary ? <span className="feed-summary">{item.summary}</span> : null}
          <span className="feed-counts">
            <span>
              <EyeOutline aria-hidden /> {t('feed.reads', { count: item.reads })}
            </span>
            <span>
              <HeartOutline aria-hidden /> <span className="sr-only">{t('feed.like')}</span>
              {item.likes}
            </span>
          </span>
        </span>
      </button>
    </li>
  );
};

/** 门店动态 on 轮生活: the posts for this owner, newest first, more on demand. */
export const FeedList = () => {
  const { t } = useI18n();
  const tenant = useTenant();
  const feed = useFeed();
  if (feed.isPending)
    return (
      <div className="feed-loading">
        <DotLoading color="primary" />
      </div>
    );
  if (feed.isError) return <LoadFailed onRetry={() => void feed.refetch()} />;
  const items = feed.data.pages.flatMap((p) => p.items);
  return (
    <section className="feed" aria-labelledby="feed-heading">
      <h2 className="section-heading" id="feed-heading">
        {t('feed.title')}
      </h2>
      {items.length === 0 ? (
        <EmptyState
          testId="feed-empty"
          icon={<CompassOutline />}
          title={t('feed.emptyTitle')}
          description={t('feed.emptyHint', { name: tenant.shortName })}
        />
      ) : (
        <ul className="feed-list" data-testid="feed-list">
          {items.map((item) => (
            <PostCard key={item.id} item={item} />
          ))}
        </ul>
      )}
      {feed.hasNextPage ? (
        <Button
          block
          fill="none"
          loading={feed.isFetchingNextPage}
          onClick={() => void feed.fetchNextPage()}
          data-testid="feed-more"
        >
          {t('feed.more')}
        </Button>
      ) : items.length > 0 ? (
        <p className="feed-end">{t('feed.end')}</p>
      ) : null}
    </section>
  );
};
