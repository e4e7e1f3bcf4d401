import { useState } from 'react';
import { Alert, DatePicker, Form, Input, Modal, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { postKinds, postSegments, type Post, type PostKind } from '@m4s/contracts';
import { useI18n, type MessageKey } from '../i18n.ts';
import { applyServerError } from '../lib/form-errors.ts';
import { useSettings } from '../loyalty/loyalty-api.ts';
import { useStores } from '../stores/store-api.ts';
import { useSavePost } from './content-api.ts';

type Values = {
  kind: PostKind;
  title: string;
  summary: string;
  body: string;
  storeIds: string[];
  tiers: string[];
  segments: string[];
  publishAt: Dayjs | null;
  expiresAt: Dayjs | null;
};

const blank: Values = {
  kind: 'news',
  title: '',
  summary: '',
  body: '',
  storeIds: [],
  tiers: [],
  segments: [],
  publishAt: null,
  expiresAt: null,
};

const valuesOf = (post: Post): Values => ({
  kind: post.kind,
  title: post.title,
  summary: post.summary,
  body: post.body,
  storeIds: post.targets.storeIds,
  tiers: post.targets.tiers,
  segments: post.targets.segments,
  publishAt: post.publishAt ? dayjs(post.publishAt) : null,
  expiresAt: post.expiresAt ? dayjs(post.expiresAt) : null,
});

/** Writing a post: its text, who it is for (empty lists: everyone), when it shows and until when. */
export const PostForm = ({ editing, onClose }: { editing: Post | 'new' | null; onClose: () => void }) => {
  const { t } = useI18n();
  const save = useSavePost();
  const stores = useStores();
  // The programme's tiers when this user may read them; otherwise tier codes are typed.
  const tiers = useSettings().data?.tiers ?? [];
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const submit = async (v: Values) => {
    setError(null);
    const body = {
      kind: v.kind,
      title: v.title,
      summary: v.summary,
      body: v.body,
      targets: { storeIds: v.storeIds, tiers: v.tiers, segments: v.segments as Post['targets']['segments'] },
      publishAt: v.publishAt ? v.publishAt.toISOString() : null,
      expiresAt: v.expiresAt ? v.expiresAt.toISOString() : null,
    };
    try {
      await save.mutateAsync({ id: editing && editing !== 'new' ? editing.id : null, body });
      onClose();
    } catch (e) {
      setError(applyServerError(form, e, ['title', 'summary', 'body', 'expiresAt'], t('common.networkError')));
    }
  };
  return (
    <Modal
      open={editing !== null}
      width={680}
      title={t(editing === 'new' ? 'content.post.create' : 'content.post.edit')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'post-save' }}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={editing && editing !== 'new' ? valuesOf(editing) : blank}
        onFinish={(v) => void submit(v)}
      >
        <Space wrap>
          <Form.Item name="kind" label={t('content.post.kind')}>
            <Select
              style={{ width: 160 }}
              options={postKinds.map((k) => ({ value: k, label: t(`content.kind.${k}` as MessageKey) }))}
              data-testid="post-kind"
            />
          </Form.Item>
          <Form.Item name="publishAt" label={t('content.post.publishAt')} extra={t('content.post.publishAtHint')}>
            <DatePicker showTime format="YYYY-MM-DD HH:mm" data-testid="post-publish-at" />
          </Form.Item>
          <Form.Item name="expiresAt" label={t('content.post.expiresAt')}>
            <DatePicker showTime format="YYYY-MM-DD HH:mm" />
          </Form.Item>
        </Space>
        <Form.Item name="title" label={t('content.post.title')} rules={[{ required: true }]}>
          <Input maxLength={80} data-testid="post-title" />
        </Form.Item>
        <Form.Item name="summary" label={t('content.post.summary')}>
          <Input maxLength={200} data-testid="post-summary" />
        </Form.Item>
        <Form.Item name="body" label={t('content.post.body')} rules={[{ required: true }]}>
          <Input.TextArea rows={6} maxLength={10_000} data-testid="post-body" />
        </Form.Item>
        <Form.Item name="storeIds" label={t('content.post.stores')} extra={t('content.post.everyoneHint')}>
          <Select
            mode="multiple"
            allowClear
            options={(stores.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
            data-testid="post-stores"
          />
        </Form.Item>
        <Form.Item name="tiers" label={t('content.post.tiers')}>
          <Select
            mode="tags"
            allowClear
            options={tiers.map((tier) => ({ value: tier.code, label: tier.name }))}
            data-testid="post-tiers"
          />
        </Form.Item>
        <Form.Item name="segments" label={t('content.post.segments')}>
          <Select
            mode="multiple"
            allowClear
            options={postSegments.map((s) => ({ value: s, label: t(`content.segment.${s}` as MessageKey) }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
};
