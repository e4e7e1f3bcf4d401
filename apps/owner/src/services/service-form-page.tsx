import { useState } from 'react';
import { Button, Form, NavBar, Selector, Toast, type ImageUploadItem } from 'antd-mobile';
import { AppOutline } from 'antd-mobile-icons';
import { Navigate, useNavigate, useParams } from 'react-router-dom';
import type { OwnerService, OwnerServices } from '@m4s/contracts';
import { errorText } from '@m4s/web-kit';
import { EmptyState, LoadFailed, PageLoading } from '@m4s/web-kit/mobile';
import { useGarage } from '../garage/garage-api.ts';
import { useI18n } from '../i18n.ts';
import { useBack } from '../ui/use-back.ts';
import { CallButtons } from './call-buttons.tsx';
import { FormFieldItem, PhotoField } from './form-field.tsx';
import { LocationField, type Place } from './location-field.tsx';
import { pick, useCreateRequest, useOwnerServices } from './services-api.ts';
import './services.css';

type Values = Record<string, unknown> & { storeId?: string[]; vehicleId?: string[] };

/** The form's values as the server takes them: a chosen option is its value, blanks are left out. */
const answersOf = (service: OwnerService, values: Values) => {
  const answers: Record<string, string | number> = {};
  for (const f of service.fields) {
    const raw = values[f.key];
    const v: unknown = Array.isArray(raw) ? (raw as unknown[])[0] : raw;
    if (v === undefined || v === null || v === '') continue;
    if (typeof v === 'string' || typeof v === 'number') answers[f.key] = f.kind === 'number' ? Number(v) : String(v);
  }
  return answers;
};

const ServiceForm = ({ service, offer }: { service: OwnerService; offer: OwnerServices }) => {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const back = useBack('/services');
  const garage = useGarage();
  const create = useCreateRequest();
  const [form] = Form.useForm<Values>();
  const [place, setPlace] = useState<Place>({ consent: false, point: null });
  const [photo, setPhoto] = useState<ImageUploadItem[]>([]);
  const stores = offer.stores.filter((s) => service.storeIds.includes(s.id));
  const [storeId, setStoreId] = useState(stores[0]?.id ?? '');
  const calls = (stores.find((s) => s.id === storeId)?.calls ?? []).filter((c) => service.calls.includes(c.key));
  const cars = garage.data?.vehicles ?? [];
  const locationField = service.fields.find((f) => f.kind === 'location');
  const photoField = service.fields.find((f) => f.kind === 'photo');
  const submit = (values: Values) =>
    create.mutate(
      {
        serviceId: service.id,
        storeId,
        vehicleId: values.vehicleId?.[0] || null,
        answers: answersOf(service, values),
        location: place.point,
        locationConsent: place.consent && place.point !== null,
        photo: photo[0]?.url ?? null,
      },
      {
        onSuccess: (made) => {
          Toast.show({ content: t('svc.sent') });
          void navigate(`/services/requests/${made.id}`, { replace: true });
        },
        onError: (error) => Toast.show({ content: errorText(error, t('svc.failed')) }),
      },
    );
  return (
    <div className="tab-page" data-testid={`page-service-${service.id}`}>
      <NavBar onBack={back}>{pick(service.name, locale)}</NavBar>
      <p className="svc-intro">{pick(service.description, locale)}</p>
      <CallButtons calls={calls} />
      <Form
        form={form}
        layout="vertical"
        mode="card"
        onFinish={submit}
        footer={
          <Button
            block
            type="submit"
            color="primary"
            shape="rounded"
            loading={create.isPending}
            data-testid="svc-submit"
          >
            {t('svc.submit')}
          </Button>
        }
      >
        {stores.length > 1 ? (
          <Form.Item label={t('svc.store')}>
            <Selector
              aria-label={t('svc.store')}
              value={[storeId]}
              onChange={(v) => v[0] && setStoreId(v[0])}
              options={stores.map((s) => ({ value: s.id, label: s.name }))}
              data-testid="svc-store"
            />
          </Form.Item>
        ) : null}
        {cars.length > 0 ? (
          <Form.Item name="vehicleId" label={t('svc.car')}>
            <Selector
              aria-label={t('svc.car')}
              options={cars.map((c) => ({ value: c.vehicleId, label: c.plate ?? c.vinMasked }))}
              data-testid="svc-car"
            />
          </Form.Item>
        ) : null}
        {locationField ? <LocationField label={pick(locationField.label, locale)} onChange={setPlace} /> : null}
        {service.fields
          .filter((f) => f.kind !== 'location' && f.kind !== 'photo')
          .map((f) => (
            <FormFieldItem key={f.key} field={f} />
          ))}
        {photoField ? <PhotoField label={pick(photoField.label, locale)} value={photo} onChange={setPhoto} /> : null}
      </Form>
    </div>
  );
};

/** A service's page: its form (one generic form for every plugin), or the flow the plugin opens (预约保养). */
export const ServiceFormPage = () => {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const offer = useOwnerServices();
  if (offer.isLoading) return <PageLoading />;
  if (offer.isError || !offer.data) return <LoadFailed onRetry={() => void offer.refetch()} />;
  const service = offer.data.items.find((s) => s.id === id);
  if (!service)
    return <EmptyState icon={<AppOutline />} title={t('svc.title')} description={t('svc.none')} testId="svc-missing" />;
  if (service.opens) return <Navigate to={service.opens} replace />;
  return <ServiceForm service={service} offer={offer.data} />;
};
