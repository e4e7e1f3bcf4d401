import { useState } from 'react';
import { App, Button, Popconfirm, Space, Table, Tag, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Post, PostStatus } from '@m4s/contracts';
import { ApiError, stamp } from '@m4s/web-kit';
import { useI18n, type MessageKey } from '../i18n.ts';
import { LoadFailedAlert } from '../layout/load-failed-alert.tsx';
import { readAsDataUrl } from '../branding/logo-field.tsx';
import { coverUrl, usePosts, usePushPost, usePutCover, useWithdrawPost } from './content-api.ts';
import { PostForm } from './post-form.tsx';

const statusColors: Record<PostStatus, string> = {
  draft: 'default',
  scheduled: 'blue',
  live: 'green',
  expired: 'default',
  withdrawn: 'red',
};

/** The feed's posts: write, schedule, target, cover, push once, withdraw (docs/feed.md). */
export const PostsTab = () => {
  const { t } = useI18n();
  const { message } = App.useApp();
  const posts = usePosts();
  const withdraw = useWithdrawPost();
  const push = usePushPost();
  const putCover = usePutCover();
  const [editing, setEditing] = useState<Post | 'new' | null>(null);
  const fail = (e: unknown) => void message.error(e instanceof ApiError ? e.message : t('common.networkError'));

  const targetsOf = (p: Post) => {
    const parts = [
      ...p.targets.storeIds.map(() => t('content.target.store')),
      ...p.targets.tiers,
      ...p.targets.segments.map((s) => t(`content.segment.${s}` as MessageKey)),
    ];
    return parts.length === 0 ? t('content.target.everyone') : [...new Set(parts)].join('、');
  };

  const columns: TableColumnsType<Post> = [
    {
      title: t('content.post.title'),
      dataIndex: 'title',
      render: (title: string, p) => (
        <Space>
          {p.hasCover ? (
            <img src={coverUrl(p.id, p.updatedAt)} alt="" width={48} height={27} style={{ objectFit: 'cover' }} />
          ) : null}
          <span>{title}</span>
        </Space>
      ),
    },
    { title: t('content.post.kind'), dataIndex: 'kind', render: (k: string) => t(`content.kind.${k}` as MessageKey) },
    {
      title: t('content.post.status'),
      dataIndex: 'status',
      render: (s: PostStatus) => (
        <Tag color={statusColors[s]} data-testid="post-status">
          {t(`content.status.${s}` as MessageKey)}
        </Tag>
      ),
    },
    { title: t('content.post.targets'), key: 'targets', render: (_, p) => targetsOf(p) },
    {
      title: t('content.post.publishAt'),
      dataIndex: 'publishAt',
      render: (at: string | null) => (at ? stamp(at) : '—'),
    },
    { title: t('content.post.reads'), dataIndex: 'reads', align: 'right' },
    { title: t('content.post.likes'), dataIndex: 'likes', align: 'right' },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, p) =>
        p.withdrawn ? null : (
          <Space wrap>
            <Button size="small" onClick={() => setEditing(p)} data-testid="post-edit">
              {t('common.edit')}
            </Button>
            <Upload
              accept="image/jpeg,image/png,image/webp"
              showUploadList={false}
              beforeUpload={(file) => {
                void readAsDataUrl(file)
                  .then((dataUrl) => putCover.mutateAsync({ id: p.id, dataUrl }))
                  .then(() => message.success(t('content.post.coverSaved')), fail);
                return false;
              }}
            >
              <Button size="small">{t('content.post.cover')}</Button>
            </Upload>
            {p.status === 'live' && !p.pushedAt ? (
              <Popconfirm
                title={t('content.post.pushConfirm')}
                onConfirm={() =>
                  push
                    .mutateAsync(p.id)
                    .then(
                      (r) => void message.success(t('content.post.pushed', { sent: r.sent, targeted: r.targeted })),
                      fail,
                    )
                }
              >
                <Button size="small">{t('content.post.push')}</Button>
              </Popconfirm>
            ) : null}
            <Popconfirm
              title={t('content.post.withdrawConfirm')}
              onConfirm={() => withdraw.mutateAsync(p.id).catch(fail)}
            >
              <Button size="small" danger>
                {t('content.post.withdraw')}
              </Button>
            </Popconfirm>
          </Space>
        ),
    },
  ];

  return (
    <>
      <Button type="primary" onClick={() => setEditing('new')} style={{ marginBottom: 12 }} data-testid="post-new">
        {t('content.post.create')}
      </Button>
      <LoadFailedAlert error={posts.error} />
      <Table
        rowKey="id"
        size="middle"
        loading={posts.isPending}
        dataSource={posts.data}
        columns={columns}
        pagination={{ pageSize: 20 }}
        locale={{ emptyText: t('content.post.empty') }}
        data-testid="posts-table"
      />
      <PostForm editing={editing} onClose={() => setEditing(null)} />
    </>
  );
};
