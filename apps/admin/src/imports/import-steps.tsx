import { Steps } from 'antd';
import type { ImportStatus } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';

const stepOf: Record<ImportStatus | 'upload', number> = {
  upload: 0,
  needs_mapping: 1,
  queued: 2,
  running: 2,
  done: 3,
  failed: 2,
  undone: 3,
};

/** Where in 上传 → 映射 → 导入 → 完成 this import stands; a failed run stops, marked, at the import step. */
export const ImportSteps = ({ at }: { at: ImportStatus | 'upload' }) => {
  const { t } = useI18n();
  return (
    <Steps
      size="small"
      current={stepOf[at]}
      status={at === 'failed' ? 'error' : at === 'done' ? 'finish' : 'process'}
      style={{ marginBottom: 20 }}
      items={[
        { title: t('imports.step.upload') },
        { title: t('imports.step.mapping') },
        { title: t('imports.step.run') },
        { title: t('imports.step.done') },
      ]}
      data-testid="import-steps"
    />
  );
};
