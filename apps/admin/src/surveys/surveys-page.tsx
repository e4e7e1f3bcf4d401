import { Button, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import type { QuestionnaireSummary } from '@m4s/contracts';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../i18n.ts';
import { useCan } from '../auth/session.ts';
import { CreateButton, actionsColumn } from '../layout/list-actions.tsx';
import { PageHeader } from '../layout/page-header.tsx';
import { QueryTable } from '../layout/query-table.tsx';
import { formatDateTime } from '../lib/format.ts';
import { useCreateQuestionnaire, useQuestionnaires } from './survey-api.ts';

/** 回访问卷: the shipped templates and the tenant's own, each with its published version and open draft. */
export const SurveysPage = () => {
  const { t, locale } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const query = useQuestionnaires();
  const create = useCreateQuestionnaire();
  const newOne = async () => {
    const made = await create.mutateAsync({
      purpose: 'custom',
      name: t('surveys.newName'),
      definition: {
        sections: [
          { key: 'header', kind: 'header', title: t('surveys.kind.header'), script: '', questions: [] },
          {
            key: 'body',
            kind: 'body',
            title: t('surveys.kind.body'),
            script: '',
            questions: [{ key: 'Q1', text: t('surveys.newQuestion'), type: 'scale_0_10' }],
          },
          { key: 'closing', kind: 'closing', title: t('surveys.kind.closing'), script: '', questions: [] },
        ],
      },
    });
    void navigate(`/surveys/${made.id}`);
  };
  const columns: TableColumnsType<QuestionnaireSummary> = [
    {
      title: t('surveys.name'),
      dataIndex: 'name',
      render: (name: string, row) => (
        <>
          {name} {row.ownerSurvey && <Tag color="blue">{t('surveys.ownerSurvey')}</Tag>}
          {row.templateKey && <Tag>{t('surveys.template')}</Tag>}
        </>
      ),
    },
    {
      title: t('surveys.purpose'),
      dataIndex: 'purpose',
      render: (p: QuestionnaireSummary['purpose']) => t(`surveys.purpose.${p}`),
    },
    {
      title: t('surveys.published'),
      key: 'published',
      render: (_: unknown, row) =>
        row.published
          ? t('surveys.versionAt', {
              n: row.published.number,
              at: formatDateTime(row.published.publishedAt, locale) ?? '',
            })
          : t('surveys.unpublished'),
    },
    {
      title: t('surveys.draft'),
      key: 'draft',
      render: (_: unknown, row) =>
        row.draft ? <Tag color="orange">{t('surveys.versionN', { n: row.draft.number })}</Tag> : '—',
    },
    { title: t('surveys.responses'), dataIndex: 'responses' },
    actionsColumn<QuestionnaireSummary>(t('common.actions'), 110, (row) => (
      <Button
        type="link"
        onClick={() => void navigate(`/surveys/${row.id}`)}
        data-testid={`survey-open-${row.templateKey ?? row.id}`}
      >
        {t('surveys.open')}
      </Button>
    )),
  ];
  return (
    <>
      <PageHeader
        title={t('surveys.title')}
        subtitle={t('surveys.subtitle')}
        extra={
          can('survey.manage') && (
            <CreateButton onClick={() => void newOne()} testId="survey-create">
              {t('surveys.create')}
            </CreateButton>
          )
        }
      />
      <QueryTable query={query} columns={columns} emptyText={t('surveys.empty')} testId="surveys-table" />
    </>
  );
};
