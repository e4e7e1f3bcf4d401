import { useState } from 'react';
import { Alert, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { audienceSegments, eventKinds, type EventAudience, type EventSummary } from '@m4s/contracts';
import { useI18n, type MessageKey } from '../i18n.ts';
import { applyServerError } from '../lib/form-errors.ts';
import { useStores } from '../stores/store-api.ts';
import { useSaveEvent } from './events-api.ts';
import { useSettings } from './loyalty-api.ts';

type Values = {
  title: string;
  kind: (typeof eventKinds)[number];
  storeId: string;
  time: [Dayjs, Dayjs];
  signupDeadline: Dayjs;
  place: string;
  capacity: number;
  costYuan: number;
  audienceKind: EventAudience['kind'];
  tiers: string[];
  dimension: keyof typeof audienceSegments;
  value: string;
  description: string;
};

const group = '';

const valuesOf = (e: EventSummary | null): Values => {
  const start = e ? dayjs(e.startsAt) : dayjs().add(7, 'day').hour(14).minute(0).second(0);
  const a = e?.audience ?? { kind: 'all' as const };
  return {
    title: e?.title ?? '',
    kind: e?.kind ?? 'lecture',
    storeId: e?.storeId ?? group,
    time: [start, e ? dayjs(e.endsAt) : start.add(2, 'hour')],
    signupDeadline: e ? dayjs(e.signupDeadline) : start.subtract(1, 'day'),
    place: e?.place ?? '',
    capacity: e?.capacity ?? 30,
    costYuan: (e?.costFen ?? 0) / 100,
    audienceKind: a.kind,
    tiers: a.kind === 'tiers' ? a.tiers : [],
    dimension: a.kind === 'segment' ? a.dimension : 'rfm',
    value: a.kind === 'segment' ? a.value : 'A',
    description: e?.description ?? '',
  };
};

const audienceOf = (v: Values): EventAudience =>
  v.audienceKind === 'tiers'
    ? { kind: 'tiers', tiers: v.tiers }
    : v.audienceKind === 'segment'
      ? { kind: 'segment', dimension: v.dimension, value: v.value }
      : { kind: 'all' };

/** 新建 / 编辑活动: what, when, where, how many, for whom, at what cost. */
export const EventForm = ({ editing, onClose }: { editing: EventSummary | 'new' | null; onClose: () => void }) => {
  const { t } = useI18n();
  const save = useSaveEvent();
  const stores = useStores();
  const settings = useSettings();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const audienceKind = Form.useWatch('audienceKind', form);
  const dimension = Form.useWatch('dimension', form) ?? 'rfm';
  const submit = async (v: Values) => {
    setError(null);
    const body = {
      title: v.title,
      kind: v.kind,
      description: v.description ?? '',
      storeId: v.storeId === group ? null : v.storeId,
      startsAt: v.time[0].toISOString(),
      endsAt: v.time[1].toISOString(),
      signupDeadline: v.signupDeadline.toISOString(),
      place: v.place,
      capacity: v.capacity,
      costFen: Math.round((v.costYuan ?? 0) * 100),
      audience: audienceOf(v),
    };
    try {
      await save.mutateAsync({ id: editing && editing !== 'new' ? editing.id : null, body });
      onClose();
    } catch (e) {
      setError(applyServerError(form, e, ['title', 'place', 'capacity', 'signupDeadline'], t('common.networkError')));
    }
  };
  return (
    <Modal
      open={editing !== null}
      title={t(editing === 'new' ? 'events.create' : 'events.edit')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'event-save' }}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={640}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={valuesOf(editing === 'new' ? null : editing)}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item name="title" label={t('events.field.title')} rules={[{ required: true, max: 60 }]}>
          <Input data-testid="event-title" />
        </Form.Item>
        <Form.Item name="kind" label={t('events.field.kind')}>
          <Select options={eventKinds.map((k) => ({ value: k, label: t(`events.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="storeId" label={t('events.field.store')}>
          <Select
            options={[
              { value: group, label: t('events.group') },
              ...(stores.data ?? []).map((s) => ({ value: s.id, label: s.name })),
            ]}
          />
        </Form.Item>
        <Form.Item name="time" label={t('events.field.time')} rules={[{ required: true }]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item name="signupDeadline" label={t('events.field.deadline')} rules={[{ required: true }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item name="place" label={t('events.field.place')} rules={[{ required: true, max: 100 }]}>
          <Input data-testid="event-place" />
        </Form.Item>
        <Form.Item name="capacity" label={t('events.field.capacity')} rules={[{ required: true }]}>
          <InputNumber min={1} max={10000} data-testid="event-capacity" />
        </Form.Item>
        <Form.Item name="costYuan" label={t('events.field.cost')}>
          <InputNumber min={0} max={10_000_000} />
        </Form.Item>
        <Form.Item name="audienceKind" label={t('events.field.audience')}>
          <Select
            options={(['all', 'tiers', 'segment'] as const).map((k) => ({
              value: k,
              label: t(`events.audience.${k}`),
            }))}
          />
        </Form.Item>
        {audienceKind === 'tiers' ? (
          <Form.Item name="tiers" label={t('events.field.tiers')} rules={[{ required: true }]}>
            <Select
              mode="multiple"
              options={(settings.data?.tiers ?? []).map((x) => ({ value: x.code, label: x.name }))}
            />
          </Form.Item>
        ) : null}
        {audienceKind === 'segment' ? (
          <>
            <Form.Item name="dimension" label={t('events.field.dimension')}>
              <Select
                options={Object.keys(audienceSegments).map((d) => ({
                  value: d,
                  label: t(`segments.dim.${d}` as MessageKey),
                }))}
              />
            </Form.Item>
            <Form.Item name="value" label={t('events.field.value')}>
              <Select
                options={audienceSegments[dimension].map((c) => ({
                  value: c,
                  label: t(`segments.class.${dimension}.${c}` as MessageKey),
                }))}
              />
            </Form.Item>
          </>
        ) : null}
        <Form.Item name="description" label={t('events.field.description')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
};
