import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Select, Space, Switch, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { articleCategories, articleKinds, type Article, type ArticleInput } from '@m4s/contracts';
import { ApiError, stamp } from '@m4s/web-kit';
import { useI18n, type MessageKey } from '../i18n.ts';
import { LoadFailedAlert } from '../layout/load-failed-alert.tsx';
import { applyServerError } from '../lib/form-errors.ts';
import { useArticles, useDeleteArticle, useSaveArticle } from './content-api.ts';

const blank: ArticleInput = {
  kind: 'faq',
  category: 'maintenance',
  title: '',
  body: '',
  keywords: '',
  published: true,
};

const ArticleForm = ({ editing, onClose }: { editing: Article | 'new' | null; onClose: () => void }) => {
  const { t } = useI18n();
  const save = useSaveArticle();
  const [form] = Form.useForm<ArticleInput>();
  const [error, setError] = useState<string | null>(null);
  const submit = async (body: ArticleInput) => {
    setError(null);
    try {
      await save.mutateAsync({ id: editing && editing !== 'new' ? editing.id : null, body });
      onClose();
    } catch (e) {
      setError(applyServerError(form, e, ['title', 'body', 'keywords'], t('common.networkError')));
    }
  };
  return (
    <Modal
      open={editing !== null}
      width={680}
      title={t(editing === 'new' ? 'content.article.create' : 'content.article.edit')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'article-save' }}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form<ArticleInput>
        form={form}
        layout="vertical"
        initialValues={editing && editing !== 'new' ? editing : blank}
        onFinish={(v) => void submit(v)}
      >
        <Space wrap>
          <Form.Item name="kind" label={t('content.article.kind')}>
            <Select
              style={{ width: 120 }}
              options={articleKinds.map((k) => ({ value: k, label: t(`content.articleKind.${k}` as MessageKey) }))}
            />
          </Form.Item>
          <Form.Item name="category" label={t('content.article.category')}>
            <Select
              style={{ width: 160 }}
              options={articleCategories.map((c) => ({ value: c, label: t(`content.category.${c}` as MessageKey) }))}
            />
          </Form.Item>
          <Form.Item name="published" label={t('content.article.published')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        <Form.Item name="title" label={t('content.article.title')} rules={[{ required: true }]}>
          <Input maxLength={80} data-testid="article-title" />
        </Form.Item>
        <Form.Item name="keywords" label={t('content.article.keywords')} extra={t('content.article.keywordsHint')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="body" label={t('content.article.body')} rules={[{ required: true }]}>
          <Input.TextArea rows={10} maxLength={20_000} data-testid="article-body" />
        </Form.Item>
      </Form>
    </Modal>
  );
};

/** 用车知识: the shipped articles (the tenant's own to edit from then) and the tenant's additions. */
export const ArticlesTab = () => {
  const { t } = useI18n();
  const { message } = App.useApp();
  const articles = useArticles();
  const remove = useDeleteArticle();
  const [editing, setEditing] = useState<Article | 'new' | null>(null);
  const columns: TableColumnsType<Article> = [
    { title: t('content.article.title'), dataIndex: 'title' },
    {
      title: t('content.article.kind'),
      dataIndex: 'kind',
      render: (k: string) => t(`content.articleKind.${k}` as MessageKey),
    },
    {
      title: t('content.article.category'),
      dataIndex: 'category',
      render: (c: string) => t(`content.category.${c}` as MessageKey),
    },
    {
      title: t('content.article.published'),
      dataIndex: 'published',
      render: (p: boolean) => (
        <Tag color={p ? 'green' : 'default'}>{t(p ? 'content.article.shown' : 'content.article.hidden')}</Tag>
      ),
    },
    { title: t('content.article.updatedAt'), dataIndex: 'updatedAt', render: (at: string) => stamp(at) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, a) => (
        <Space>
          <Button size="small" onClick={() => setEditing(a)}>
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('content.article.deleteConfirm')}
            onConfirm={() =>
              remove.mutateAsync(a.id).catch((e: unknown) => {
                void message.error(e instanceof ApiError ? e.message : t('common.networkError'));
              })
            }
          >
            <Button size="small" danger>
              {t('content.article.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];
  return (
    <>
      <Button type="primary" onClick={() => setEditing('new')} style={{ marginBottom: 12 }}>
        {t('content.article.create')}
      </Button>
      <LoadFailedAlert error={articles.error} />
      <Table
        rowKey="id"
        size="middle"
        loading={articles.isPending}
        dataSource={articles.data}
        columns={columns}
        pagination={{ pageSize: 20 }}
        data-testid="articles-table"
      />
      <ArticleForm editing={editing} onClose={() => setEditing(null)} />
    </>
  );
};
