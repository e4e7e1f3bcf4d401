import { useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Statistic,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  campaignInput,
  frequencyClasses,
  lifecycleStages,
  rfmClasses,
  touchChannels,
  valueQuadrants,
  type Campaign,
  type CampaignCounts,
  type CampaignInput,
} from '@m4s/contracts';
import { ApiError } from '@m4s/web-kit';
import { useNavigate } from 'react-router-dom';
import { useI18n, type MessageKey } from '../i18n.ts';
import { applyServerError } from '../lib/form-errors.ts';
import { useBrands } from '../customers/vehicle-api.ts';
import { useEvents } from '../loyalty/events-api.ts';
import { useTemplates, useSettings } from '../loyalty/loyalty-api.ts';
import { useServiceTypes } from '../service/service-api.ts';
import { useStores } from '../stores/store-api.ts';
import { previewCampaign, useSaveCampaign, useSend } from './campaign-api.ts';
import { ReasonList } from './reason-list.tsx';

type Range = { min: number | null; max: number | null };
/** The form's values: the campaign with yuan instead of fen and the schedule as a picker's value. */
type Values = Omit<CampaignInput, 'costFen' | 'scheduledAt' | 'offer'> & {
  costYuan: number;
  when: 'now' | 'later';
  scheduledAt: Dayjs | null;
  offerKind: 'coupon' | 'package' | 'event';
  templateId: string | null;
  eventId: string | null;
  serviceTypeId: string | null;
  packageName: string;
  packageYuan: number;
};

const open: Range = { min: null, max: null };

const valuesOf = (c: Campaign | null): Values => {
  const offer = c?.offer;
  return {
    name: c?.name ?? '',
    strategy: c?.strategy ?? null,
    audience: c?.audience ?? { carAgeYears: open, lastVisitDays: open },
    channel: c?.channel ?? 'sms',
    message: c?.message ?? '',
    attributionDays: c?.attributionDays ?? 30,
    controlPercent: c?.controlPercent ?? 10,
    costYuan: (c?.costFen ?? 0) / 100,
    when: c?.scheduledAt ? 'later' : 'now',
    scheduledAt: c?.scheduledAt ? dayjs(c.scheduledAt) : null,
    offerKind: offer?.kind ?? 'coupon',
    templateId: offer?.kind === 'coupon' ? offer.templateId : null,
    eventId: offer?.kind === 'event' ? offer.eventId : null,
    serviceTypeId: offer?.kind === 'package' ? offer.serviceTypeId : null,
    packageName: offer?.kind === 'package' ? offer.name : '',
    packageYuan: offer?.kind === 'package' ? offer.priceFen / 100 : 0,
  };
};

/** The body the API takes, or null while the form cannot make one (no offer chosen yet). */
const bodyOf = (v: Values): CampaignInput | null => {
  const offer =
    v.offerKind === 'coupon'
      ? v.templateId && { kind: 'coupon' as const, templateId: v.templateId }
      : v.offerKind === 'event'
        ? v.eventId && { kind: 'event' as const, eventId: v.eventId }
        : v.serviceTypeId && {
            kind: 'package' as const,
            serviceTypeId: v.serviceTypeId,
            name: v.packageName,
            priceFen: Math.round((v.packageYuan ?? 0) * 100),
          };
  if (!offer) return null;
  return {
    name: v.name,
    strategy: v.strategy,
    audience: v.audience,
    offer,
    channel: v.channel,
    message: v.message,
    scheduledAt: v.when === 'later' && v.scheduledAt ? v.scheduledAt.toISOString() : null,
    attributionDays: v.attributionDays,
    controlPercent: v.controlPercent,
    costFen: Math.round((v.costYuan ?? 0) * 100),
  };
};

/** The live preview: the counts of a dry run through the contact gate, refreshed as the form changes. */
const usePreview = (body: CampaignInput | null, campaignId: string | null) => {
  const [counts, setCounts] = useState<CampaignCounts | null>(null);
  const [error, setError] = useState<string | null>(null);
  const text = body ? JSON.stringify(body) : null;
  useEffect(() => {
    if (!text) return;
    const parsed = campaignInput.safeParse(JSON.parse(text));
    if (!parsed.success) return;
    let live = true;
    const timer = setTimeout(() => {
      previewCampaign(JSON.parse(text) as CampaignInput, campaignId).then(
        (c) => live && (setCounts(c), setError(null)),
        (e: unknown) => live && setError(e instanceof ApiError ? e.message : String(e)),
      );
    }, 400);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text, campaignId]);
  return { counts, error };
};

export const CampaignBuilder = ({ campaign }: { campaign: Campaign | null }) => {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const values = Form.useWatch([], form) as Values | undefined;
  const body = values ? bodyOf({ ...valuesOf(campaign), ...values }) : null;
  const preview = usePreview(body, campaign?.id ?? null);
  const save = useSaveCampaign();
  const send = useSend();
  const [error, setError] = useState<string | null>(null);
  const templates = useTemplates();
  const stores = useStores();
  const brands = useBrands();
  const types = useServiceTypes();
  const settings = useSettings();
  // An event offer: published events still open for sign-up (the invitation goes by SMS or the inbox).
  const events = useEvents();
  const openEvents = (events.data ?? []).filter(
    (e) => e.status === 'published' && new Date(e.signupDeadline).getTime() > Date.now(),
  );
  const opts = <T extends string>(list: readonly T[], prefix: string) =>
    list.map((v) => ({ value: v, label: t(`${prefix}${v}` as MessageKey) }));

  const persist = async (): Promise<Campaign | null> => {
    setError(null);
    const v = await form.validateFields().catch(() => null);
    const b = v && bodyOf({ ...valuesOf(campaign), ...v });
    if (!b) {
      setError(t('campaigns.offerMissing'));
      return null;
    }
    try {
      return await save.mutateAsync({ id: campaign?.id ?? null, body: b });
    } catch (e) {
      setError(applyServerError(form, e, ['name', 'message', 'controlPercent'], t('common.networkError')));
      return null;
    }
  };
  const onSave = async () => {
    const saved = await persist();
    if (saved) {
      message.success(t('campaigns.saved'));
      if (!campaign) void navigate(`/campaigns/${saved.id}`, { replace: true });
    }
  };
  const onSend = async () => {
    const saved = await persist();
    if (!saved) return;
    try {
      const sent = await send.mutateAsync(saved.id);
      message.success(t(sent.status === 'scheduled' ? 'campaigns.scheduledOk' : 'campaigns.sentOk'));
      void navigate(`/campaigns/${saved.id}`, { replace: true });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('common.networkError'));
    }
  };

  const counts = preview.counts;
  return (
    <Row gutter={16}>
      <Col xs={24} lg={16}>
        <Card>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          <Form<Values> form={form} layout="vertical" initialValues={valuesOf(campaign)}>
            <Form.Item name="name" label={t('campaigns.name')} rules={[{ required: true }]}>
              <Input maxLength={60} data-testid="campaign-name" />
            </Form.Item>
            <Card type="inner" size="small" title={t('campaigns.audience')} style={{ marginBottom: 16 }}>
              <Row gutter={12}>
                <Col span={12}>
                  <Form.Item name={['audience', 'frequency']} label={t('campaigns.audience.frequency')}>
                    <Select
                      mode="multiple"
                      allowClear
                      options={opts(frequencyClasses, 'segments.class.frequency.')}
                      data-testid="audience-frequency"
                    />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name={['audience', 'rfm']} label={t('campaigns.audience.rfm')}>
                    <Select
                      mode="multiple"
                      allowClear
                      optionFilterProp="label"
                      options={opts(rfmClasses, 'segments.class.rfm.')}
                      data-testid="audience-rfm"
                    />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name={['audience', 'value']} label={t('campaigns.audience.value')}>
                    <Select mode="multiple" allowClear options={opts(valueQuadrants, 'segments.class.value.')} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name={['audience', 'tiers']} label={t('campaigns.audience.tiers')}>
                    <Select
                      mode="multiple"
                      allowClear
                      options={(settings.data?.tiers ?? []).map((x) => ({ value: x.code, label: x.name }))}
                    />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name={['audience', 'stages']} label={t('campaigns.audience.stages')}>
                    <Select mode="multiple" allowClear options={opts(lifecycleStages, 'segments.class.stage.')} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name={['audience', 'brandIds']} label={t('campaigns.audience.brands')}>
                    <Select
                      mode="multiple"
                      allowClear
                      showSearch
                      optionFilterProp="label"
                      options={(brands.data ?? []).map((b) => ({ value: b.id, label: b.nameZh }))}
                    />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item label={t('campaigns.audience.carAge')}>
                    <Space.Compact>
                      <Form.Item name={['audience', 'carAgeYears', 'min']} noStyle>
                        <InputNumber min={0} max={50} placeholder={t('campaigns.min')} />
                      </Form.Item>
                      <Form.Item name={['audience', 'carAgeYears', 'max']} noStyle>
                        <InputNumber min={0} max={50} placeholder={t('campaigns.max')} />
                      </Form.Item>
                    </Space.Compact>
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name={['audience', 'minMileageKm']} label={t('campaigns.audience.mileage')}>
                    <InputNumber min={0} max={2_000_000} step={5000} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item label={t('campaigns.audience.lastVisit')}>
                    <Space.Compact>
                      <Form.Item name={['audience', 'lastVisitDays', 'min']} noStyle>
                        <InputNumber min={0} placeholder={t('campaigns.min')} />
                      </Form.Item>
                      <Form.Item name={['audience', 'lastVisitDays', 'max']} noStyle>
                        <InputNumber min={0} placeholder={t('campaigns.max')} />
                      </Form.Item>
                    </Space.Compact>
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name={['audience', 'storeIds']} label={t('campaigns.audience.stores')}>
                    <Select
                      mode="multiple"
                      allowClear
                      options={(stores.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
                    />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
            <Card type="inner" size="small" title={t('campaigns.offer')} style={{ marginBottom: 16 }}>
              <Form.Item name="offerKind">
                <Radio.Group
                  options={[
                    { value: 'coupon', label: t('campaigns.offer.coupon') },
                    { value: 'package', label: t('campaigns.offer.package') },
                    { value: 'event', label: t('campaigns.offer.event') },
                  ]}
                  data-testid="offer-kind"
                />
              </Form.Item>
              {values?.offerKind === 'event' ? (
                <Form.Item name="eventId" label={t('campaigns.offer.eventPick')} extra={t('campaigns.offer.eventHint')}>
                  <Select
                    showSearch
                    optionFilterProp="label"
                    data-testid="offer-event"
                    notFoundContent={t('campaigns.offer.eventNone')}
                    options={openEvents.map((e) => ({ value: e.id, label: e.title }))}
                  />
                </Form.Item>
              ) : values?.offerKind === 'package' ? (
                <Space wrap>
                  <Form.Item name="serviceTypeId" label={t('campaigns.offer.serviceType')}>
                    <Select
                      style={{ width: 220 }}
                      options={(types.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
                    />
                  </Form.Item>
                  <Form.Item name="packageName" label={t('campaigns.offer.packageName')}>
                    <Input maxLength={40} />
                  </Form.Item>
                  <Form.Item name="packageYuan" label={t('campaigns.offer.packagePrice')}>
                    <InputNumber min={0} precision={2} />
                  </Form.Item>
                </Space>
              ) : (
                <Form.Item name="templateId" label={t('campaigns.offer.template')}>
                  <Select
                    showSearch
                    optionFilterProp="label"
                    data-testid="offer-template"
                    options={(templates.data ?? [])
                      .filter((x) => x.active)
                      .map((x) => ({ value: x.id, label: x.name }))}
                  />
                </Form.Item>
              )}
            </Card>
            <Row gutter={12}>
              <Col span={8}>
                <Form.Item name="channel" label={t('campaigns.channel')}>
                  <Select
                    options={touchChannels.map((c) => ({ value: c, label: t(`campaigns.channel.${c}` as MessageKey) }))}
                    data-testid="campaign-channel"
                  />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="controlPercent" label={t('campaigns.control')}>
                  <InputNumber min={0} max={50} addonAfter="%" data-testid="campaign-control" />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="attributionDays" label={t('campaigns.window')}>
                  <InputNumber min={1} max={365} addonAfter={t('campaigns.days')} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="message" label={t('campaigns.message')} rules={[{ required: true }]}>
              <Input.TextArea maxLength={300} rows={3} showCount data-testid="campaign-message" />
            </Form.Item>
            <Row gutter={12}>
              <Col span={8}>
                <Form.Item name="when" label={t('campaigns.timing')}>
                  <Radio.Group
                    options={[
                      { value: 'now', label: t('campaigns.timing.now') },
                      { value: 'later', label: t('campaigns.timing.later') },
                    ]}
                  />
                </Form.Item>
              </Col>
              <Col span={8}>
                {values?.when === 'later' && (
                  <Form.Item name="scheduledAt" label={t('campaigns.scheduledAt')}>
                    <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
                  </Form.Item>
                )}
              </Col>
              <Col span={8}>
                <Form.Item name="costYuan" label={t('campaigns.cost')}>
                  <InputNumber min={0} precision={2} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
          </Form>
          <Space>
            <Button onClick={() => void onSave()} loading={save.isPending} data-testid="campaign-save">
              {t('campaigns.saveDraft')}
            </Button>
            <Button type="primary" onClick={() => void onSend()} loading={send.isPending} data-testid="campaign-send">
              {t(values?.when === 'later' ? 'campaigns.schedule' : 'campaigns.send')}
            </Button>
          </Space>
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <Card title={t('campaigns.preview')} data-testid="campaign-preview">
          {preview.error && <Alert type="warning" showIcon title={preview.error} style={{ marginBottom: 12 }} />}
          {!counts && <Alert type="info" showIcon title={t('campaigns.preview.hint')} />}
          {counts && (
            <>
              <Space size="large" wrap>
                <Statistic
                  title={t('campaigns.count.audience')}
                  value={counts.audience}
                  data-testid="preview-audience"
                />
                <Statistic title={t('campaigns.count.reached')} value={counts.reached} data-testid="preview-reached" />
                <Statistic title={t('campaigns.count.held')} value={counts.held} data-testid="preview-held" />
              </Space>
              <Descriptions size="small" column={1} style={{ marginTop: 12 }}>
                <Descriptions.Item label={t('campaigns.count.deferred')}>{counts.deferred}</Descriptions.Item>
              </Descriptions>
              <ReasonList counts={counts} />
            </>
          )}
        </Card>
      </Col>
    </Row>
  );
};
