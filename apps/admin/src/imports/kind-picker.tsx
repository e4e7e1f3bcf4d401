import type { ReactNode } from 'react';
import { App, Button, Radio, Typography } from 'antd';
import {
  AppstoreOutlined,
  CarOutlined,
  DownloadOutlined,
  OrderedListOutlined,
  ShoppingOutlined,
  TeamOutlined,
  ToolOutlined,
} from '@ant-design/icons';
import {
  importKinds,
  importSampleKinds,
  importWorkbookSample,
  type ImportKind,
  type ImportSampleName,
} from '@m4s/contracts';
import { download, errorText } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';
import { samplePath } from './import-api.ts';
import styles from './imports.module.css';

const icons: Record<ImportKind, ReactNode> = {
  customers: <TeamOutlined />,
  vehicles: <CarOutlined />,
  sales: <ShoppingOutlined />,
  repair_orders: <ToolOutlined />,
  repair_order_lines: <OrderedListOutlined />,
};

type Props = { value: ImportKind | null; onChange: (kind: ImportKind | null) => void };

/**
 * What the file holds: 自动识别 (the default: a workbook's sheets, or a file, get their kind from their
 * headers, to confirm after the upload), or one DMS export named up front, with a sample of it to try.
 */
export const KindPicker = ({ value, onChange }: Props) => {
  const { t } = useI18n();
  const { message } = App.useApp();

  const getSample = (kind: ImportSampleName) =>
    download(samplePath(kind)).catch((error: unknown) => message.error(errorText(error, t('common.networkError'))));

  return (
    <div className={styles.kinds} role="radiogroup">
      <div
        role="radio"
        aria-checked={value === null}
        tabIndex={0}
        className={`${styles.kind} ${value === null ? styles.kindActive : ''}`}
        onClick={() => onChange(null)}
        onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && onChange(null)}
        data-testid="import-kind-auto"
      >
        <div className={styles.kindTitle}>
          <Radio checked={value === null} tabIndex={-1} />
          <span className={styles.kindIcon}>
            <AppstoreOutlined />
          </span>
          {t('imports.kind.auto')}
        </div>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('imports.kindHelp.auto')}
        </Typography.Paragraph>
        <Button
          type="link"
          size="small"
          className={styles.sample}
          icon={<DownloadOutlined />}
          title={t('imports.sampleWorkbookHint')}
          onClick={(e) => {
            e.stopPropagation();
            void getSample(importWorkbookSample);
          }}
          data-testid={`import-sample-${importWorkbookSample}`}
        >
          {t('imports.sampleWorkbook')}
        </Button>
      </div>
      {importKinds.map((kind) => (
        <div
          key={kind}
          role="radio"
          aria-checked={value === kind}
          tabIndex={0}
          className={`${styles.kind} ${value === kind ? styles.kindActive : ''}`}
          onClick={() => onChange(kind)}
          onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && onChange(kind)}
          data-testid={`import-kind-${kind}`}
        >
          <div className={styles.kindTitle}>
            <Radio checked={value === kind} tabIndex={-1} />
            <span className={styles.kindIcon}>{icons[kind]}</span>
            {t(`imports.kind.${kind}`)}
          </div>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t(`imports.kindHelp.${kind}`)}
          </Typography.Paragraph>
          {importSampleKinds.includes(kind) && (
            <Button
              type="link"
              size="small"
              className={styles.sample}
              icon={<DownloadOutlined />}
              title={t('imports.sampleHint')}
              onClick={(e) => {
                e.stopPropagation();
                void getSample(kind);
              }}
              data-testid={`import-sample-${kind}`}
            >
              {t('imports.sample')}
            </Button>
          )}
        </div>
      ))}
    </div>
  );
};
