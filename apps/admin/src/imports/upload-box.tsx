import { useState } from 'react';
import { Alert, Spin, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { importUploadLimitBytes, type ImportKind } from '@m4s/contracts';
import { errorText } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';
import { useUploadImport } from './import-api.ts';
import styles from './imports.module.css';

const accept = '.xlsx,.csv';
const limitMb = importUploadLimitBytes / 1024 / 1024;

/**
 * The file goes up as soon as it is chosen; the server reads every sheet's header row and first rows and
 * answers with the job, whose page (sheets and mapping, then progress) takes over. `kind` null: each
 * sheet's kind is suggested from its headers.
 */
export const UploadBox = ({ kind }: { kind: ImportKind | null }) => {
  const { t } = useI18n();
  const navigate = useNavigate();
  const upload = useUploadImport();
  const [problem, setProblem] = useState<string | null>(null);

  const start = (file: File) => {
    setProblem(null);
    if (!/\.(xlsx|csv)$/i.test(file.name)) return setProblem(t('imports.badType'));
    // Refused here rather than after minutes of uploading a file the server would refuse anyway.
    if (file.size > importUploadLimitBytes) {
      return setProblem(t('imports.tooLarge', { size: (file.size / 1024 / 1024).toFixed(1), max: limitMb }));
    }
    upload.mutate(
      { kind, file },
      {
        onSuccess: (job) => void navigate(`/imports/${job.id}`),
        onError: (error) =>
          setProblem(t('imports.uploadFailed', { message: errorText(error, t('common.networkError')) })),
      },
    );
  };

  return (
    <>
      {problem && (
        <Alert type="error" showIcon className="form-alert" title={problem} data-testid="import-upload-error" />
      )}
      <Spin spinning={upload.isPending} tip={t('imports.uploading', { name: upload.variables?.file.name ?? '' })}>
        <Upload.Dragger
          accept={accept}
          multiple={false}
          showUploadList={false}
          disabled={upload.isPending}
          beforeUpload={(file) => {
            start(file);
            return false;
          }}
          data-testid="import-upload"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined className={styles.dropIcon} />
          </p>
          <p className="ant-upload-text">{t('imports.drop')}</p>
          <Typography.Text type="secondary">{t('imports.dropHint', { size: limitMb })}</Typography.Text>
        </Upload.Dragger>
      </Spin>
    </>
  );
};
