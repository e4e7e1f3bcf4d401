import { Card, Tabs } from 'antd';
import { useI18n } from '../i18n.ts';
import { PageHeader } from '../layout/page-header.tsx';
import { ArticlesTab } from './articles-tab.tsx';
import { PostsTab } from './posts-tab.tsx';

/** 内容管理 (docs/feed.md): the feed's posts (轮生活) and the knowledge base (用车知识). */
export const ContentPage = () => {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t('content.title')} subtitle={t('content.subtitle')} />
      <Card>
        <Tabs
          items={[
            { key: 'posts', label: t('content.tab.posts'), children: <PostsTab /> },
            { key: 'articles', label: t('content.tab.articles'), children: <ArticlesTab /> },
          ]}
        />
      </Card>
    </>
  );
};
