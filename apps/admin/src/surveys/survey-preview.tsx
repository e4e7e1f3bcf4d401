import { useState } from 'react';
import { Alert, Button, Card, Flex, Tag, Typography } from 'antd';
import { questionsOf, walk, withAnswer, type SurveyAnswers, type SurveyDefinition } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { AnswerInput } from './answer-input.tsx';

/**
 * 预览: the path as answers are chosen — the same routing the server applies (contracts' survey engine). A
 * question the answers route around is shown struck through; a terminate rule ends the preview.
 */
export const SurveyPreview = ({ definition }: { definition: SurveyDefinition }) => {
  const { t } = useI18n();
  const [answers, setAnswers] = useState<SurveyAnswers>({});
  const w = walk(definition, answers);
  const on = new Set(w.path);
  const set = (key: string, a: SurveyAnswers[string] | undefined) => setAnswers((prev) => withAnswer(prev, key, a));
  return (
    <Card
      title={t('surveys.preview')}
      size="small"
      extra={
        <Button size="small" onClick={() => setAnswers({})}>
          {t('surveys.preview.reset')}
        </Button>
      }
      data-testid="survey-preview"
    >
      <Typography.Paragraph type="secondary">{t('surveys.preview.help')}</Typography.Paragraph>
      {questionsOf(definition).map((q) =>
        on.has(q.key) ? (
          <div key={q.key} className="survey-preview-question" data-testid={`preview-${q.key}`}>
            <Flex gap={6} align="baseline" wrap>
              <Typography.Text strong>{q.key}</Typography.Text>
              <Typography.Text>{q.text}</Typography.Text>
              {!q.readAloud && <Tag>{t('surveys.notReadAloud')}</Tag>}
              {q.critical && <Tag color="red">{t('surveys.critical')}</Tag>}
            </Flex>
            {q.note && <Typography.Text type="secondary">{q.note}</Typography.Text>}
            <div style={{ margin: '6px 0 14px' }}>
              <AnswerInput question={q} value={answers[q.key]} onChange={(a) => set(q.key, a)} />
            </div>
          </div>
        ) : (
          <div key={q.key} data-testid={`preview-skipped-${q.key}`}>
            <Typography.Text delete type="secondary">
              {q.key} {q.text}
            </Typography.Text>
          </div>
        ),
      )}
      {w.terminatedAt && <Alert type="info" showIcon title={t('surveys.preview.terminated', { q: w.terminatedAt })} />}
    </Card>
  );
};
