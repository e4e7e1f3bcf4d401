import { useState } from 'react';
import { Button, Form, ImageUploader, NavBar, Selector, TextArea, Toast, type ImageUploadItem } from 'antd-mobile';
import { useNavigate } from 'react-router-dom';
import { complaintCategories, type ComplaintCategory } from '@m4s/contracts';
import { compressPhoto, errorText } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';
import { useBack } from '../ui/use-back.ts';
import { useFileCase } from './feedback-api.ts';
import '../visits/visit.css';

type Values = {
  kind: ['complaint' | 'suggestion'];
  category: [ComplaintCategory];
  summary: string;
  customerRequest?: string;
};

/** Files a complaint or a suggestion, with photos compressed on the phone (the server re-encodes them). */
export const NewFeedbackPage = () => {
  const { t } = useI18n();
  const navigate = useNavigate();
  const back = useBack('/feedback');
  const file = useFileCase();
  const [photos, setPhotos] = useState<ImageUploadItem[]>([]);
  const submit = (v: Values) =>
    file.mutate(
      {
        kind: v.kind[0],
        category: v.category[0],
        summary: v.summary,
        customerRequest: v.customerRequest?.trim() || null,
        photos: photos.map((p) => p.url),
      },
      {
        onSuccess: (made) => {
          Toast.show({ content: t('feedback.sent') });
          void navigate(`/feedback/${made.id}`, { replace: true });
        },
        onError: (error) => Toast.show({ content: errorText(error, t('feedback.failed')) }),
      },
    );
  return (
    <div className="tab-page" data-testid="page-feedback-new">
      <NavBar onBack={back}>{t('feedback.new')}</NavBar>
      <Form
        layout="vertical"
        mode="card"
        initialValues={{ kind: ['complaint'] }}
        onFinish={submit}
        footer={
          <Button
            block
            type="submit"
            color="primary"
            shape="rounded"
            loading={file.isPending}
            data-testid="feedback-submit"
          >
            {t('feedback.submit')}
          </Button>
        }
      >
        <Form.Item name="kind" label={t('feedback.kind')} rules={[{ required: true }]}>
          <Selector
            options={(['complaint', 'suggestion'] as const).map((k) => ({ value: k, label: t(`feedback.kind.${k}`) }))}
            data-testid="feedback-kind"
          />
        </Form.Item>
        <Form.Item name="category" label={t('feedback.category')} rules={[{ required: true }]}>
          <Selector
            columns={2}
            options={complaintCategories.map((c) => ({ value: c, label: t(`feedback.category.${c}`) }))}
            data-testid="feedback-category"
          />
        </Form.Item>
        <Form.Item name="summary" label={t('feedback.summary')} rules={[{ required: true, whitespace: true }]}>
          <TextArea
            placeholder={t('feedback.summaryPlaceholder')}
            maxLength={2000}
            rows={4}
            showCount
            data-testid="feedback-summary"
          />
        </Form.Item>
        <Form.Item name="customerRequest" label={t('feedback.request')}>
          <TextArea maxLength={2000} rows={2} data-testid="feedback-request" />
        </Form.Item>
        <Form.Item label={t('feedback.photos')}>
          <ImageUploader
            value={photos}
            onChange={setPhotos}
            maxCount={6}
            accept="image/*"
            upload={async (f) => ({ url: await compressPhoto(f) })}
            onUploadQueueChange={() => undefined}
            beforeUpload={(f) => f}
            data-testid="feedback-photos"
          />
        </Form.Item>
      </Form>
    </div>
  );
};
