import { useState } from 'react';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { couponKinds, repairOrderTypes, type CouponTemplate, type CouponTemplateInput } from '@m4s/contracts';
import { ApiError, yuan } from '@m4s/web-kit';
import { useI18n, type MessageKey } from '../i18n.ts';
import { LoadFailedAlert } from '../layout/load-failed-alert.tsx';
import { applyServerError } from '../lib/form-errors.ts';
import { useIssue, useSaveTemplate, useTemplates } from './loyalty-api.ts';

type Values = Omit<CouponTemplateInput, 'amountFen' | 'capFen' | 'minSpendFen'> & {
  amountYuan: number;
  capYuan: number;
  minSpendYuan: number;
};

const blank: Values = {
  name: '',
  kind: 'amount',
  amountYuan: 0,
  percentOff: 0,
  capYuan: 0,
  item: '',
  minSpendYuan: 0,
  validDays: 90,
  storeIds: [],
  orderTypes: [],
  pointsCost: null,
  active: true,
};

const TemplateForm = ({ editing, onClose }: { editing: CouponTemplate | 'new' | null; onClose: () => void }) => {
  const { t } = useI18n();
  const save = useSaveTemplate();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const initial: Values =
    editing && editing !== 'new'
      ? {
          ...editing,
          amountYuan: editing.amountFen / 100,
          capYuan: editing.capFen / 100,
          minSpendYuan: editing.minSpendFen / 100,
        }
      : blank;
  const submit = async ({ amountYuan, capYuan, minSpendYuan, ...v }: Values) => {
    setError(null);
    const body = {
      ...v,
      amountFen: Math.round(amountYuan * 100),
      capFen: Math.round(capYuan * 100),
      minSpendFen: Math.round(minSpendYuan * 100),
    };
    try {
      await save.mutateAsync({ id: editing && editing !== 'new' ? editing.id : null, body });
      onClose();
    } catch (e) {
      setError(
        applyServerError(form, e, ['name', 'item', 'percentOff', 'validDays', 'pointsCost'], t('common.networkError')),
      );
    }
  };
  return (
    <Modal
      open={editing !== null}
      title={t(editing === 'new' ? 'loyalty.template.create' : 'loyalty.template.edit')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'template-save' }}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={(v) => void submit(v)}>
        <Form.Item name="name" label={t('loyalty.template.name')} rules={[{ required: true }]}>
          <Input maxLength={40} data-testid="template-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('loyalty.template.kind')}>
          <Select options={couponKinds.map((k) => ({ value: k, label: t(`loyalty.couponKind.${k}` as MessageKey) }))} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="amountYuan" label={t('loyalty.template.amount')}>
            <InputNumber min={0} data-testid="template-amount" />
          </Form.Item>
          <Form.Item name="percentOff" label={t('loyalty.template.percent')}>
            <InputNumber min={0} max={99} />
          </Form.Item>
          <Form.Item name="capYuan" label={t('loyalty.template.cap')}>
            <InputNumber min={0} />
          </Form.Item>
        </Space>
        <Form.Item name="item" label={t('loyalty.template.item')}>
          <Input maxLength={40} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="minSpendYuan" label={t('loyalty.template.minSpend')}>
            <InputNumber min={0} />
          </Form.Item>
          <Form.Item name="validDays" label={t('loyalty.template.validDays')}>
            <InputNumber min={1} max={1095} />
          </Form.Item>
          <Form.Item name="pointsCost" label={t('loyalty.template.pointsCost')}>
            <InputNumber min={1} data-testid="template-points" />
          </Form.Item>
        </Space>
        <Form.Item name="orderTypes" label={t('loyalty.template.orderTypes')}>
          <Select
            mode="multiple"
            options={repairOrderTypes.map((x) => ({ value: x, label: t(`loyalty.orderType.${x}` as MessageKey) }))}
          />
        </Form.Item>
        <Form.Item name="active" label={t('loyalty.template.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
};

/** 发放: a template's coupon to customers named by id (from the member list or a customer page). */
const IssueForm = ({ template, onClose }: { template: CouponTemplate | null; onClose: () => void }) => {
  const { t } = useI18n();
  const { message } = App.useApp();
  const issue = useIssue();
  const [ids, setIds] = useState('');
  const submit = async () => {
    if (!template) return;
    try {
      const customerIds = ids.split(/[\s,，]+/).filter(Boolean);
      const r = await issue.mutateAsync({ templateId: template.id, customerIds });
      void message.success(t('loyalty.issued', { count: r.issued }));
      onClose();
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : t('common.networkError'));
    }
  };
  return (
    <Modal
      open={template !== null}
      title={t('loyalty.issue')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={issue.isPending}
      destroyOnHidden
    >
      <p>{template?.name}</p>
      <Input.TextArea
        rows={4}
        value={ids}
        onChange={(e) => setIds(e.target.value)}
        placeholder={t('loyalty.issue.ids')}
      />
    </Modal>
  );
};

/** 卡券模板: amount off, percent off with a cap, free items; validity, stores and types; for points. */
export const TemplatesTab = () => {
  const { t, locale } = useI18n();
  const templates = useTemplates();
  const [editing, setEditing] = useState<CouponTemplate | 'new' | null>(null);
  const [issuing, setIssuing] = useState<CouponTemplate | null>(null);
  const columns: TableColumnsType<CouponTemplate> = [
    { title: t('loyalty.template.name'), dataIndex: 'name' },
    {
      title: t('loyalty.template.kind'),
      key: 'kind',
      render: (_, x) =>
        x.kind === 'amount'
          ? yuan(x.amountFen, locale)
          : x.kind === 'percent'
            ? `${x.percentOff}%${x.capFen ? ` ≤ ${yuan(x.capFen, locale)}` : ''}`
            : x.item,
    },
    { title: t('loyalty.template.minSpend'), dataIndex: 'minSpendFen', render: (f: number) => yuan(f, locale) },
    { title: t('loyalty.template.validDays'), dataIndex: 'validDays' },
    { title: t('loyalty.template.pointsCost'), dataIndex: 'pointsCost' },
    { title: t('loyalty.template.issued'), key: 'n', render: (_, x) => `${x.redeemed} / ${x.issued}` },
    {
      title: t('loyalty.template.active'),
      dataIndex: 'active',
      render: (a: boolean) => (a ? <Tag color="green">✓</Tag> : <Tag>—</Tag>),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, x) => (
        <Space>
          <Button type="link" onClick={() => setEditing(x)}>
            {t('common.edit')}
          </Button>
          <Button type="link" onClick={() => setIssuing(x)} disabled={!x.active}>
            {t('loyalty.issue')}
          </Button>
        </Space>
      ),
    },
  ];
  return (
    <>
      <Button
        type="primary"
        onClick={() => setEditing('new')}
        style={{ marginBottom: 12 }}
        data-testid="template-create"
      >
        {t('loyalty.template.create')}
      </Button>
      <LoadFailedAlert error={templates.error} />
      <Table<CouponTemplate>
        rowKey="id"
        size="middle"
        loading={templates.isPending}
        dataSource={templates.data}
        columns={columns}
        pagination={false}
      />
      <TemplateForm editing={editing} onClose={() => setEditing(null)} />
      <IssueForm template={issuing} onClose={() => setIssuing(null)} />
    </>
  );
};
