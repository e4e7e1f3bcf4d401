import { Breadcrumb, Button, Card, Result, Skeleton, Space } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';
import { useCan } from '../auth/session.ts';
import { LoadFailedAlert } from '../layout/load-failed-alert.tsx';
import { PageHeader } from '../layout/page-header.tsx';
import { useImportJob } from './import-api.ts';
import { ImportErrors } from './import-errors.tsx';
import { formatBytes, StatusTag } from './import-labels.tsx';
import { ImportProgress } from './import-progress.tsx';
import { ImportSteps } from './import-steps.tsx';
import { SheetProgress } from './sheet-progress.tsx';
import { SheetsStep } from './sheets-step.tsx';
import { jobTitle } from './import-labels.tsx';
import { ErrorCountsSummary, UndoImportButton } from './import-undo.tsx';
import { UnlistedValues } from '../catalogue/unlisted-values.tsx';

/**
 * One import at /imports/:id: the mapping while it waits for one, then its progress and result. The job
 * runs on the server, so a reload (or another manager opening the link) lands on the same state.
 */
export const ImportJobPage = () => {
  const { t } = useI18n();
  const can = useCan();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const job = useImportJob(id);

  const crumbs = (current?: string) => (
    <Breadcrumb
      style={{ marginBottom: 12 }}
      items={[{ title: <Link to="/imports">{t('imports.back')}</Link> }, ...(current ? [{ title: current }] : [])]}
    />
  );

  if (!can('customer.import')) return <Result status="403" title={t('common.forbidden')} />;
  if (job.isPending) {
    return (
      <>
        {crumbs()}
        <Skeleton active paragraph={{ rows: 8 }} />
      </>
    );
  }
  if (job.isError) {
    const missing = job.error instanceof ApiError && (job.error.status === 404 || job.error.status === 400);
    return missing ? (
      <Result
        status="404"
        title={t('imports.notFound')}
        extra={<Button onClick={() => void navigate('/imports')}>{t('imports.back')}</Button>}
      />
    ) : (
      <>
        {crumbs()}
        <LoadFailedAlert error={job.error} />
      </>
    );
  }

  const data = job.data;
  const showErrors = data.status !== 'needs_mapping' && (data.rowsFailed > 0 || data.status === 'done');
  // A file of one sheet reads as before; a workbook shows each sheet's bar.
  const bySheet = data.sheets.length > 1;
  return (
    <div data-testid="import-job">
      {crumbs(data.fileName)}
      <PageHeader
        title={jobTitle(t, data)}
        subtitle={t('imports.file', { name: data.fileName, size: formatBytes(data.fileBytes) })}
        extra={
          <Space>
            <StatusTag status={data.status} />
            <UndoImportButton job={data} />
            <Button
              icon={<UploadOutlined />}
              onClick={() => void navigate(bySheet ? '/imports' : `/imports?kind=${data.kind}`)}
              data-testid="import-new"
            >
              {t('imports.newImport')}
            </Button>
          </Space>
        }
      />
      <Card>
        <ImportSteps at={data.status} />
        {data.status === 'needs_mapping' ? (
          <SheetsStep job={data} />
        ) : (
          <>
            <ImportProgress job={data} />
            {bySheet && <SheetProgress job={data} />}
          </>
        )}
      </Card>
      {showErrors && <ImportErrors jobId={data.id} rowsFailed={data.rowsFailed} sheets={data.sheets} />}
      {showErrors && <ErrorCountsSummary job={data} />}
      {data.status !== 'needs_mapping' && <UnlistedValues jobId={data.id} version={data.rowsDone} />}
    </div>
  );
};
