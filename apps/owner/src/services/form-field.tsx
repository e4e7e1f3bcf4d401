import { Form, ImageUploader, Input, Selector, TextArea, type ImageUploadItem } from 'antd-mobile';
import type { FormField } from '@m4s/contracts';
import { compressPhoto } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';
import { pick } from './services-api.ts';

/** One field of a service's form, by its kind (location and photo are drawn by the page itself). */
export const FormFieldItem = ({ field }: { field: FormField }) => {
  const { t, locale } = useI18n();
  const label = pick(field.label, locale);
  const rules = field.required ? [{ required: true, message: `${label} ${t('svc.select')}` }] : [];
  const testId = `svc-field-${field.key}`;
  const input = () => {
    switch (field.kind) {
      case 'textarea':
        return <TextArea aria-label={label} rows={2} maxLength={field.max ?? 200} data-testid={testId} />;
      case 'select':
        return (
          <Selector
            aria-label={label}
            columns={2}
            options={(field.options ?? []).map((o) => ({ value: o.value, label: pick(o.label, locale) }))}
            data-testid={testId}
          />
        );
      case 'date':
        return <Input aria-label={label} type="date" data-testid={testId} />;
      case 'number':
        return <Input aria-label={label} type="number" min={field.min} max={field.max} data-testid={testId} />;
      case 'phone':
        return <Input aria-label={label} type="tel" maxLength={20} data-testid={testId} />;
      default:
        return <Input aria-label={label} maxLength={field.max ?? 200} data-testid={testId} />;
    }
  };
  return (
    <Form.Item name={field.key} label={label} rules={rules}>
      {input()}
    </Form.Item>
  );
};

/** The one photo a form may carry, compressed on the phone (the server re-encodes it without metadata). */
export const PhotoField = ({
  label,
  value,
  onChange,
}: {
  label: string;
  value: ImageUploadItem[];
  onChange: (items: ImageUploadItem[]) => void;
}) => (
  <Form.Item label={label}>
    <ImageUploader
      value={value}
      onChange={onChange}
      maxCount={1}
      accept="image/*"
      upload={async (f) => ({ url: await compressPhoto(f) })}
      data-testid="svc-photo"
    />
  </Form.Item>
);
