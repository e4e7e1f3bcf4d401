import { useEffect, useState } from 'react';
import { Alert, Button, DatePicker, Form, Input, Modal, Radio, Select, Space, Switch } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { Complaint } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { applyServerError } from '../lib/form-errors.ts';
import { useStaffList } from '../staff/staff-api.ts';
import { useCaseAction, useOemDraft, type CaseActionName } from './case-api.ts';

type Props = { complaint: Complaint; action: CaseActionName | null; onDone: () => void };
type Values = Record<string, unknown> & {
  completionDate?: { format: (f: string) => string };
  improvements?: { what: string; ownerId: string; due: { format: (f: string) => string } }[];
};

const day = (d: { format: (f: string) => string } | undefined) => d?.format('YYYY-MM-DD');

/** The form of one case action: its fields, sent as the route's body; a refusal shows on its field. */
export const CaseActionModal = ({ complaint, action, onDone }: Props) => {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const run = useCaseAction(complaint.id);
  const staff = useStaffList({ storeId: null, q: '' });
  const draft = useOemDraft(complaint.id, action === 'oem_report');
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    setFailure(null);
    form.resetFields();
    if (action === 'oem_report' && draft.data) form.setFieldsValue({ text: draft.data.text });
  }, [action, draft.data, form]);
  const people = (staff.data ?? []).map((s) => ({ value: s.id, label: s.name }));
  const submit = async () => {
    if (!action) return;
    const v = await form.validateFields();
    const body: Record<string, unknown> = { ...v };
    if (action === 'resolve') body.completionDate = day(v.completionDate);
    if (action === 'close') body.improvements = (v.improvements ?? []).map((i) => ({ ...i, due: day(i.due) }));
    try {
      await run.mutateAsync({ action, body });
      onDone();
    } catch (error) {
      setFailure(applyServerError(form, error, Object.keys(v), t('common.networkError')));
    }
  };
  const text = (name: string, label: string, required = true) => (
    <Form.Item name={name} label={label} rules={required ? [{ required: true, whitespace: true }] : []}>
      <Input.TextArea rows={3} maxLength={2000} data-testid={`case-field-${name}`} />
    </Form.Item>
  );
  const person = (name: string, label: string) => (
    <Form.Item name={name} label={label} rules={[{ required: true }]}>
      <Select showSearch optionFilterProp="label" options={people} data-testid={`case-field-${name}`} />
    </Form.Item>
  );
  const yesNo = (name: string, label: string) => (
    <Form.Item name={name} label={label} rules={[{ required: true }]}>
      <Radio.Group data-testid={`case-field-${name}`}>
        <Radio value={true}>{t('complaint.yes')}</Radio>
        <Radio value={false}>{t('complaint.no')}</Radio>
      </Radio.Group>
    </Form.Item>
  );
  const fields: Partial<Record<CaseActionName, React.ReactNode>> = {
    contact: text('note', t('complaint.field.note'), false),
    assign: (
      <>
        {person('handlerId', t('complaint.field.handler'))}
        {text('note', t('complaint.field.note'), false)}
      </>
    ),
    transfer: (
      <>
        {person('toId', t('complaint.field.to'))}
        {text('reason', t('complaint.field.reason'))}
      </>
    ),
    answer: text('answer', t('complaint.field.answer')),
    escalate: (
      <>
        <Form.Item name="reason" label={t('complaint.field.reason')} rules={[{ required: true }]}>
          <Radio.Group data-testid="case-field-reason">
            {(['authority', 'difficulty', 'repeated'] as const).map((r) => (
              <Radio key={r} value={r}>
                {t(`complaint.escalate.${r}`)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        {text('note', t('complaint.field.note'))}
      </>
    ),
    resolve: (
      <>
        {text('solution', t('complaint.field.solution'))}
        <Form.Item name="completionDate" label={t('complaint.field.completionDate')} rules={[{ required: true }]}>
          <DatePicker data-testid="case-field-completionDate" />
        </Form.Item>
      </>
    ),
    follow_up: (
      <>
        {yesNo('satisfied', t('complaint.field.satisfied'))}
        {text('note', t('complaint.field.note'), false)}
      </>
    ),
    evaluate: (
      <>
        {yesNo('adopted', t('complaint.field.adopted'))}
        {text('note', t('complaint.field.note'))}
      </>
    ),
    reopen: text('customerWord', t('complaint.field.customerWord')),
    note: (
      <>
        {text('text', t('complaint.field.note'))}
        <Form.Item name="public" label={t('complaint.field.public')} valuePropName="checked" initialValue={false}>
          <Switch data-testid="case-field-public" />
        </Form.Item>
      </>
    ),
    oem_report: (
      <Form.Item name="text" label={t('complaint.field.report')} rules={[{ required: true, whitespace: true }]}>
        <Input.TextArea rows={14} maxLength={8000} data-testid="case-field-text" />
      </Form.Item>
    ),
    close: (
      <>
        {text('resolution', t('complaint.resolution'))}
        {complaint.severity === 'major' && text('closingReport', t('complaint.field.closingReport'))}
        {complaint.kind === 'complaint' && (
          <Form.List name="improvements" initialValue={[{}]}>
            {(items, { add, remove }) => (
              <>
                {items.map((item, i) => (
                  <Space key={item.key} align="baseline" wrap>
                    <Form.Item name={[item.name, 'what']} rules={[{ required: true, whitespace: true }]}>
                      <Input placeholder={t('complaint.field.what')} data-testid={`case-improvement-what-${i}`} />
                    </Form.Item>
                    <Form.Item name={[item.name, 'ownerId']} rules={[{ required: true }]}>
                      <Select
                        style={{ width: 140 }}
                        placeholder={t('complaint.field.owner')}
                        options={people}
                        showSearch
                        optionFilterProp="label"
                        data-testid={`case-improvement-owner-${i}`}
                      />
                    </Form.Item>
                    <Form.Item name={[item.name, 'due']} rules={[{ required: true }]}>
                      <DatePicker placeholder={t('complaint.field.due')} data-testid={`case-improvement-due-${i}`} />
                    </Form.Item>
                    {items.length > 1 && <MinusCircleOutlined onClick={() => remove(item.name)} />}
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                  {t('complaint.field.addImprovement')}
                </Button>
              </>
            )}
          </Form.List>
        )}
      </>
    ),
  };
  return (
    <Modal
      open={action !== null}
      title={action ? t(`complaint.action.${action}`) : ''}
      onCancel={onDone}
      onOk={() => void submit()}
      confirmLoading={run.isPending}
      okButtonProps={{ 'data-testid': 'case-action-save' }}
      width={action === 'close' || action === 'oem_report' ? 720 : 520}
      destroyOnHidden
    >
      {failure && (
        <Alert type="error" showIcon message={failure} style={{ marginBottom: 12 }} data-testid="case-action-error" />
      )}
      <Form form={form} layout="vertical">
        {action ? fields[action] : null}
      </Form>
    </Modal>
  );
};
