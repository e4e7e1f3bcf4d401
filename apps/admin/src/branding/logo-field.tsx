import { App, Button, Space, Typography, Upload } from 'antd';
import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n.ts';
import styles from './branding.module.css';

const maxBytes = 200 * 1024;
const acceptedTypes = ['image/png', 'image/jpeg', 'image/svg+xml', 'image/webp'];

/** A picked file as a data URL (the logo here, a feed post's cover in 内容管理). */
export const readAsDataUrl = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    // readAsDataURL always yields a string; the union type covers readAsArrayBuffer too.
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });

type Props = { value?: string | null; onChange?: (value: string | null) => void };

/** The logo lives in the branding record as a data URL, so it is read here and never uploaded alone. */
export const LogoField = ({ value, onChange }: Props) => {
  const { t } = useI18n();
  const { message } = App.useApp();

  const accept = async (file: File) => {
    if (!acceptedTypes.includes(file.type)) {
      void message.error(t('branding.logoBadType'));
      return;
    }
    if (file.size > maxBytes) {
      void message.error(t('branding.logoTooLarge', { size: Math.ceil(file.size / 1024) }));
      return;
    }
    onChange?.(await readAsDataUrl(file));
  };

  return (
    <Space align="start" size="large">
      <div className={styles.logoBox} data-testid="logo-preview">
        {value ? <img src={value} alt="" /> : <Typography.Text type="secondary">LOGO</Typography.Text>}
      </div>
      <Space orientation="vertical" size={4}>
        <Space>
          <Upload
            accept={acceptedTypes.join(',')}
            showUploadList={false}
            beforeUpload={(file) => {
              void accept(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} data-testid="logo-upload">
              {t('branding.logoUpload')}
            </Button>
          </Upload>
          {value && (
            <Button danger icon={<DeleteOutlined />} onClick={() => onChange?.(null)} data-testid="logo-remove">
              {t('branding.logoRemove')}
            </Button>
          )}
        </Space>
        <Typography.Text type="secondary">{t('branding.logoHint')}</Typography.Text>
      </Space>
    </Space>
  );
};
