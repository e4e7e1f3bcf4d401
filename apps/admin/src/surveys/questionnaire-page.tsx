import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Input, Popconfirm, Row, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import {
  definitionIssues,
  questionsOf,
  surveyIssueMessage,
  type QuestionnaireVersion,
  type SurveyDefinition,
  type SurveyQuestion,
} from '@m4s/contracts';
import { ApiError } from '@m4s/web-kit';
import { useCan } from '../auth/session.ts';
import { useI18n } from '../i18n.ts';
import { LoadFailedAlert } from '../layout/load-failed-alert.tsx';
import { PageHeader } from '../layout/page-header.tsx';
import { QuestionEditor } from './question-editor.tsx';
import { useOpenDraft, usePublish, useQuestionnaire, useSaveDraft } from './survey-api.ts';
import { SurveyPreview } from './survey-preview.tsx';

const nextKey = (def: SurveyDefinition) => {
  const used = new Set(questionsOf(def).map((q) => q.key));
  let n = used.size + 1;
  while (used.has(`Q${n}`)) n++;
  return `Q${n}`;
};

/** One version's sections; a draft's questions are edited in place (moved, added, removed). */
const SectionsEditor = ({
  def,
  editable,
  onChange,
}: {
  def: SurveyDefinition;
  editable: boolean;
  onChange: (d: SurveyDefinition) => void;
}) => {
  const { t } = useI18n();
  const keys = questionsOf(def).map((q) => q.key);
  const setQuestions = (si: number, questions: SurveyQuestion[]) =>
    onChange({ sections: def.sections.map((s, n) => (n === si ? { ...s, questions } : s)) });
  return (
    <>
      {def.sections.map((s, si) => (
        <Card
          key={s.key}
          size="small"
          style={{ marginBottom: 12 }}
          title={
            <Space>
              <Tag color="cyan">{t(`surveys.kind.${s.kind}`)}</Tag>
              {s.title}
            </Space>
          }
        >
          {editable ? (
            <Input.TextArea
              rows={2}
              placeholder={t('surveys.script')}
              value={s.script}
              onChange={(e) =>
                onChange({ sections: def.sections.map((x, n) => (n === si ? { ...x, script: e.target.value } : x)) })
              }
              style={{ marginBottom: 8 }}
            />
          ) : (
            s.script && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{s.script}</Typography.Paragraph>
          )}
          {s.questions.map((q, qi) => (
            <QuestionEditor
              key={`${si}-${qi}`}
              question={q}
              keys={keys}
              earlier={questionsOf({ sections: def.sections.slice(0, si) }).concat(s.questions.slice(0, qi))}
              editable={editable}
              onChange={(next) =>
                setQuestions(
                  si,
                  s.questions.map((x, n) => (n === qi ? next : x)),
                )
              }
              onRemove={() =>
                setQuestions(
                  si,
                  s.questions.filter((_, n) => n !== qi),
                )
              }
              onMove={(by) => {
                const to = qi + by;
                if (to < 0 || to >= s.questions.length) return;
                const list = [...s.questions];
                [list[qi], list[to]] = [list[to] as SurveyQuestion, list[qi] as SurveyQuestion];
                setQuestions(si, list);
              }}
            />
          ))}
          {editable && (
            <Button
              icon={<PlusOutlined />}
              data-testid={`question-add-${s.key}`}
              onClick={() =>
                setQuestions(si, [
                  ...s.questions,
                  {
                    key: nextKey(def),
                    text: t('surveys.newQuestion'),
                    type: 'single',
                    required: true,
                    readAloud: true,
                    critical: false,
                    factor: null,
                    note: null,
                    options: [
                      { key: 'yes', label: '是', other: false, score: null },
                      { key: 'no', label: '否', other: false, score: null },
                    ],
                    reasonOn: null,
                    askIf: [],
                    rules: [],
                  },
                ])
              }
            >
              {t('surveys.addQuestion')}
            </Button>
          )}
        </Card>
      ))}
    </>
  );
};

const versionLabel = (v: QuestionnaireVersion, t: ReturnType<typeof useI18n>['t']) =>
  `${t('surveys.versionN', { n: v.number })} · ${t(`surveys.status.${v.status}`)}`;

/** 问卷编辑: versions, the draft's editor with its routing checked as it is typed, publishing, and the preview. */
export const QuestionnairePage = () => {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const query = useQuestionnaire(id);
  const openDraft = useOpenDraft(id);
  const save = useSaveDraft(id);
  const publish = usePublish(id);
  const [versionId, setVersionId] = useState<string | null>(null);
  const [def, setDef] = useState<SurveyDefinition | null>(null);
  const [name, setName] = useState('');
  const [serverError, setServerError] = useState<string | null>(null);
  const data = query.data;
  const draft = data?.versions.find((v) => v.status === 'draft');
  const shown = data?.versions.find((v) => v.id === versionId) ?? draft ?? data?.versions[0];
  useEffect(() => {
    if (shown) setDef(shown.definition);
    if (data) setName(data.name);
    setServerError(null);
  }, [shown?.id, data?.name]); // eslint-disable-line react-hooks/exhaustive-deps
  if (query.isPending) return <Spin />;
  if (!data || !shown || !def) return <LoadFailedAlert error={query.error} />;
  const editable = shown.status === 'draft' && can('survey.manage');
  const issues = editable ? definitionIssues(def, { ownerSurvey: data.ownerSurvey }) : [];
  const dirty = editable && (JSON.stringify(def) !== JSON.stringify(shown.definition) || name !== data.name);
  const fail = (error: unknown) =>
    setServerError(
      error instanceof ApiError
        ? [error.message, ...(error.details?.issues ?? []).map((i) => i.message)].join('；')
        : t('common.networkError'),
    );
  const doSave = async () => {
    setServerError(null);
    try {
      await save.mutateAsync({ definition: def, name });
      void message.success(t('surveys.saved'));
      return true;
    } catch (error) {
      fail(error);
      return false;
    }
  };
  const doPublish = async () => {
    if (dirty && !(await doSave())) return;
    try {
      const after = await publish.mutateAsync(undefined);
      setVersionId(after.versions.find((v) => v.status === 'published')?.id ?? null);
      void message.success(t('surveys.publishedDone'));
    } catch (error) {
      fail(error);
    }
  };
  return (
    <>
      <PageHeader
        title={data.name}
        subtitle={t(`surveys.purpose.${data.purpose}`)}
        extra={
          <Space wrap>
            {can('survey.manage') && !draft && (
              <Button
                onClick={() =>
                  void openDraft
                    .mutateAsync(undefined)
                    .then((d) => setVersionId(d.versions.find((v) => v.status === 'draft')?.id ?? null))
                }
                data-testid="survey-open-draft"
              >
                {t('surveys.openDraft')}
              </Button>
            )}
            {editable && (
              <>
                <Button
                  onClick={() => void doSave()}
                  loading={save.isPending}
                  disabled={!dirty}
                  data-testid="survey-save"
                >
                  {t('common.save')}
                </Button>
                <Popconfirm
                  title={t('surveys.publish.confirm')}
                  onConfirm={() => void doPublish()}
                  okButtonProps={{ 'data-testid': 'survey-publish-ok' }}
                >
                  <Button
                    type="primary"
                    disabled={issues.length > 0}
                    loading={publish.isPending}
                    data-testid="survey-publish"
                  >
                    {t('surveys.publish')}
                  </Button>
                </Popconfirm>
              </>
            )}
          </Space>
        }
      />
      <Segmented
        value={shown.id}
        onChange={(v) => setVersionId(String(v))}
        options={data.versions.map((v) => ({ value: v.id, label: versionLabel(v, t) }))}
        style={{ marginBottom: 12 }}
        data-testid="survey-versions"
      />
      {shown.status !== 'draft' && (
        <Alert type="info" showIcon title={t('surveys.readOnly')} style={{ marginBottom: 12 }} />
      )}
      {editable && (
        <Input
          addonBefore={t('surveys.name')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          style={{ marginBottom: 12, maxWidth: 480 }}
        />
      )}
      {serverError && (
        <Alert
          type="error"
          showIcon
          title={serverError}
          style={{ marginBottom: 12 }}
          data-testid="survey-server-error"
        />
      )}
      {issues.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="survey-issues"
          title={t('surveys.issues')}
          description={issues.map((i) => (
            <div key={i.path + i.code}>{surveyIssueMessage(locale, i)}</div>
          ))}
        />
      )}
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <SectionsEditor def={def} editable={editable} onChange={setDef} />
        </Col>
        <Col xs={24} xl={10}>
          <SurveyPreview definition={def} key={shown.id} />
        </Col>
      </Row>
    </>
  );
};
