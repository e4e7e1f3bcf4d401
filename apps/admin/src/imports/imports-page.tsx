import { useState } from 'react';
import { Card, Result } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { importKinds, type ImportKind } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { useCan } from '../auth/session.ts';
import { PageHeader } from '../layout/page-header.tsx';
import { ImportHistory } from './import-history.tsx';
import { ImportSteps } from './import-steps.tsx';
import { KindPicker } from './kind-picker.tsx';
import { UploadBox } from './upload-box.tsx';

const isKind = (value: string | null): value is ImportKind => importKinds.some((k) => k === value);

/** 数据导入: drop a file in (saying what it holds, or letting its headers say), and see the last imports below. */
export const ImportsPage = () => {
  const { t } = useI18n();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const raw = params.get('kind');
  // Held here as well as in the URL: a URL change renders a moment later, and a file dropped straight
  // after the click must go up as the kind just chosen. None (the default): each sheet's kind is
  // suggested from its headers after the upload.
  const [kind, setKind] = useState<ImportKind | null>(isKind(raw) ? raw : null);
  const choose = (next: ImportKind | null) => {
    setKind(next);
    setParams(next ? { kind: next } : {}, { replace: true });
  };

  if (!can('customer.import')) return <Result status="403" title={t('common.forbidden')} />;
  return (
    <>
      <PageHeader title={t('imports.title')} subtitle={t('imports.subtitle')} />
      <Card style={{ marginBottom: 16 }}>
        <ImportSteps at="upload" />
        <KindPicker value={kind} onChange={choose} />
        <UploadBox kind={kind} />
      </Card>
      <ImportHistory />
    </>
  );
};
