import { useState } from 'react';
import { Button, Form, Image, Input, List, Steps, Tag, TextArea, Toast } from 'antd-mobile';
import { useParams } from 'react-router-dom';
import type { StaffServiceRequest } from '@m4s/contracts';
import { errorText } from '@m4s/web-kit';
import { LoadFailed, PageLoading } from '@m4s/web-kit/mobile';
import { PageBar } from '../customers/page-bar.tsx';
import { useI18n } from '../i18n.ts';
import { photoHref, pick, useAdvance, useCancel, useServiceRequest } from './api.ts';
import { DueTag } from './countdown.tsx';

const stamp = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

/** The next step with what it asks for (a driver's name and ETA on 已派车). */
const NextStep = ({ r }: { r: StaffServiceRequest }) => {
  const { t, locale } = useI18n();
  const advance = useAdvance(r.id);
  const step = r.steps.find((s) => s.key === r.next);
  if (!step) return null;
  const label = pick(step.label, locale);
  const submit = (values: Record<string, string | undefined>) => {
    const details: Record<string, string | number | null> = {};
    for (const f of step.fields) {
      const v = values[f.key]?.trim();
      if (v) details[f.key] = f.kind === 'number' ? Number(v) : v;
    }
    advance.mutate(
      { to: step.key, details },
      {
        onSuccess: () => Toast.show({ content: t('sr.done') }),
        onError: (e) => Toast.show({ content: errorText(e, t('sr.failed')) }),
      },
    );
  };
  return (
    <Form
      key={step.key}
      layout="vertical"
      mode="card"
      onFinish={submit}
      footer={
        <Button block type="submit" color="primary" loading={advance.isPending} data-testid="sr-advance">
          {t('sr.advance', { step: label })}
        </Button>
      }
    >
      <Form.Header>{t('sr.next', { step: label })}</Form.Header>
      {step.fields.map((f) => {
        const name = pick(f.label, locale);
        return (
          <Form.Item key={f.key} name={f.key} label={name} rules={f.required ? [{ required: true }] : []}>
            {f.kind === 'textarea' ? (
              <TextArea aria-label={name} rows={2} maxLength={f.max ?? 300} data-testid={`sr-field-${f.key}`} />
            ) : (
              <Input
                aria-label={name}
                type={f.kind === 'number' ? 'number' : f.kind === 'phone' ? 'tel' : 'text'}
                data-testid={`sr-field-${f.key}`}
              />
            )}
          </Form.Item>
        );
      })}
    </Form>
  );
};

const CloseRequest = ({ id }: { id: string }) => {
  const { t } = useI18n();
  const cancel = useCancel(id);
  const [reason, setReason] = useState('');
  return (
    <List header={t('sr.cancel')} mode="card">
      <List.Item>
        <TextArea
          aria-label={t('sr.cancelReason')}
          placeholder={t('sr.cancelReason')}
          value={reason}
          onChange={setReason}
          rows={2}
        />
      </List.Item>
      <List.Item>
        <Button
          block
          color="danger"
          fill="outline"
          disabled={!reason.trim()}
          loading={cancel.isPending}
          onClick={() =>
            cancel.mutate(reason, { onError: (e) => Toast.show({ content: errorText(e, t('sr.failed')) }) })
          }
          data-testid="sr-cancel"
        >
          {t('sr.cancel')}
        </Button>
      </List.Item>
    </List>
  );
};

/** One service request: who, where, what they asked, its steps, and the next step to take. */
export const ServiceRequestPage = () => {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const request = useServiceRequest(id);
  if (request.isLoading) return <PageLoading />;
  if (request.isError || !request.data) return <LoadFailed onRetry={() => void request.refetch()} />;
  const r = request.data;
  const labelOf = (key: string) => {
    const f = r.fields.find((x) => x.key === key);
    return f ? pick(f.label, locale) : key;
  };
  const valueOf = (key: string, v: string | number | null) => {
    const option = r.fields.find((x) => x.key === key)?.options?.find((o) => o.value === v);
    return option ? pick(option.label, locale) : String(v ?? '');
  };
  const stepLabel = (key: string) =>
    key === 'received' || key === 'cancelled'
      ? key === r.status
        ? pick(r.statusLabel, locale)
        : key
      : pick(r.steps.find((s) => s.key === key)?.label ?? { 'zh-CN': key, en: key }, locale);
  return (
    <div data-testid="page-service-request">
      <PageBar title={pick(r.serviceName, locale)} />
      <List mode="card" header={r.storeName}>
        <List.Item extra={r.closed ? <Tag>{t('sr.closed')}</Tag> : <DueTag dueAt={r.dueAt} />}>
          <Tag color={r.priority === 1 ? 'danger' : 'primary'} data-testid="sr-status">
            {pick(r.statusLabel, locale)}
          </Tag>
        </List.Item>
        <List.Item extra={r.customerName ?? '—'}>{t('sr.customer')}</List.Item>
        {r.phone ? <List.Item extra={<a href={`tel:${r.phone}`}>{r.phone}</a>}>{t('sr.phone')}</List.Item> : null}
        {r.plate ? <List.Item extra={r.plate}>{t('sr.plate')}</List.Item> : null}
        {r.location ? (
          <List.Item
            extra={
              <a
                href={`https://uri.amap.com/marker?position=${r.location.lng},${r.location.lat}`}
                target="_blank"
                rel="noreferrer"
                data-testid="sr-map"
              >
                {t('sr.openMap')}
              </a>
            }
            description={`${r.location.lat.toFixed(5)}, ${r.location.lng.toFixed(5)}`}
          >
            {t('sr.location')}
          </List.Item>
        ) : null}
      </List>
      <List mode="card" header={t('sr.answers')} data-testid="sr-answers">
        {Object.entries(r.answers).map(([k, v]) => (
          <List.Item key={k} description={valueOf(k, v)}>
            {labelOf(k)}
          </List.Item>
        ))}
        {r.hasPhoto ? (
          <List.Item>
            <Image src={photoHref(r.id)} alt={t('sr.photo')} width={160} fit="cover" />
          </List.Item>
        ) : null}
      </List>
      <List mode="card" header={t('sr.history')}>
        <List.Item>
          <Steps direction="vertical" current={r.events.length - 1}>
            {r.events.map((e) => (
              <Steps.Step
                key={`${e.status}-${e.at}`}
                title={stepLabel(e.status)}
                description={[stamp(e.at), ...Object.values(e.details).filter((x) => x !== null)].join(' · ')}
              />
            ))}
          </Steps>
        </List.Item>
      </List>
      {!r.closed ? <NextStep r={r} /> : null}
      {!r.closed ? <CloseRequest id={r.id} /> : null}
    </div>
  );
};
