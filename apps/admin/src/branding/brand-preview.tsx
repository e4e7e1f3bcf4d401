import { CarOutlined, FileTextOutlined, PhoneOutlined, ToolOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n.ts';
import styles from './branding.module.css';

export type PreviewProps = {
  name: string;
  shortName: string;
  primaryColor: string;
  accentColor: string;
  dealerHotline: string;
  oemHotline: string;
  logo: string | null;
};

const validColor = (value: string, fallback: string) => (/^#[0-9a-fA-F]{6}$/.test(value) ? value : fallback);

/** A phone-sized mock of the owner app's top, redrawn as the form changes. */
export const BrandPreview = (props: PreviewProps) => {
  const { t } = useI18n();
  const primary = validColor(props.primaryColor, '#1d4f9a');
  const accent = validColor(props.accentColor, '#f5a623');
  const title = props.shortName || props.name;
  const actions = [
    { icon: <ToolOutlined />, label: t('branding.previewBook') },
    { icon: <CarOutlined />, label: t('branding.previewRescue') },
    { icon: <FileTextOutlined />, label: t('branding.previewRecords') },
  ];
  const hotlines = [
    { label: t('branding.previewDealer'), number: props.dealerHotline },
    { label: t('branding.previewOem'), number: props.oemHotline },
  ];

  return (
    <div className={styles.phone} data-testid="brand-preview">
      <div className={styles.appHeader} style={{ background: primary }}>
        <div className={styles.appLogo}>
          {props.logo ? <img src={props.logo} alt="" /> : <span>{title.slice(0, 1)}</span>}
        </div>
        <div className={styles.appTitles}>
          <div className={styles.appShortName}>{title}</div>
          <div className={styles.appName}>{props.name}</div>
        </div>
      </div>
      <div className={styles.appBody}>
        <div className={styles.welcome}>{t('branding.previewWelcome')}</div>
        <div className={styles.actions}>
          {actions.map((a) => (
            <div key={a.label} className={styles.action}>
              <span className={styles.actionIcon} style={{ background: accent }}>
                {a.icon}
              </span>
              <span>{a.label}</span>
            </div>
          ))}
        </div>
        {hotlines.map((h) => (
          <div key={h.label} className={styles.hotline}>
            <span>{h.label}</span>
            <span className={styles.hotlineNumber} style={{ color: h.number ? accent : undefined }}>
              <PhoneOutlined /> {h.number || t('branding.previewNoHotline')}
            </span>
          </div>
        ))}
      </div>
    </div>
  );
};
