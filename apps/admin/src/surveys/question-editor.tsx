import {
  Button,
  Card,
  Checkbox,
  Descriptions,
  Flex,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { fixedOptions, optionsOf, questionTypes, type SurveyOption, type SurveyQuestion } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { ConditionsEditor, RulesEditor } from './routing-editor.tsx';

type Props = {
  question: SurveyQuestion;
  keys: string[];
  earlier: SurveyQuestion[];
  editable: boolean;
  onChange: (q: SurveyQuestion) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
};

const choiceTypes = new Set(['single', 'multiple', 'choice_other']);

/** The options of a choice question: key, label, the "其他" flag and the score the indices use. */
const OptionsEditor = ({
  question: q,
  onChange,
}: {
  question: SurveyQuestion;
  onChange: (o: SurveyOption[]) => void;
}) => {
  const { t } = useI18n();
  const set = (i: number, o: SurveyOption) => onChange(q.options.map((x, n) => (n === i ? o : x)));
  return (
    <Space direction="vertical" size={4}>
      {q.options.map((o, i) => (
        <Space key={i} size={4} wrap>
          <Input
            size="small"
            style={{ width: 110 }}
            value={o.key}
            onChange={(e) => set(i, { ...o, key: e.target.value })}
          />
          <Input
            size="small"
            style={{ width: 200 }}
            value={o.label}
            onChange={(e) => set(i, { ...o, label: e.target.value })}
            data-testid={`option-${q.key}-${i}`}
          />
          <Checkbox checked={o.other} onChange={(e) => set(i, { ...o, other: e.target.checked })}>
            {t('surveys.option.other')}
          </Checkbox>
          <InputNumber
            size="small"
            min={0}
            max={1000}
            placeholder={t('surveys.option.score')}
            value={o.score}
            onChange={(v) => set(i, { ...o, score: v ?? null })}
          />
          <Button
            size="small"
            type="text"
            icon={<DeleteOutlined />}
            onClick={() => onChange(q.options.filter((_, n) => n !== i))}
          />
        </Space>
      ))}
      <Button
        size="small"
        icon={<PlusOutlined />}
        onClick={() =>
          onChange([...q.options, { key: `o${q.options.length + 1}`, label: '', other: false, score: null }])
        }
        data-testid={`option-add-${q.key}`}
      >
        {t('surveys.option.add')}
      </Button>
    </Space>
  );
};

/** How a question reads when the version is not editable (published or superseded). */
const QuestionView = ({ question: q }: { question: SurveyQuestion }) => {
  const { t } = useI18n();
  return (
    <Descriptions size="small" column={1}>
      <Descriptions.Item label={t('surveys.q.type')}>{t(`surveys.type.${q.type}`)}</Descriptions.Item>
      {optionsOf(q).length > 0 && (
        <Descriptions.Item label={t('surveys.q.options')}>
          {optionsOf(q)
            .map((o) => o.label)
            .join(' / ')}
        </Descriptions.Item>
      )}
      {q.askIf.length > 0 && (
        <Descriptions.Item label={t('surveys.q.askIf')}>
          {q.askIf
            .map((c) => `${c.question} ${t(`surveys.op.${c.op}`)} ${c.values.join('、') || String(c.value)}`)
            .join('；')}
        </Descriptions.Item>
      )}
      {q.rules.length > 0 && (
        <Descriptions.Item label={t('surveys.q.rules')}>
          {q.rules
            .map(
              (r) =>
                `${t(`surveys.op.${r.when.op}`)} ${r.when.values.join('、') || String(r.when.value)} → ${r.target ?? t('surveys.rule.terminate')}`,
            )
            .join('；')}
        </Descriptions.Item>
      )}
      {q.note && <Descriptions.Item label={t('surveys.q.note')}>{q.note}</Descriptions.Item>}
    </Descriptions>
  );
};

/** One question of the draft: its wording, type, marks (required, read aloud, critical), factor and routing. */
export const QuestionEditor = ({ question: q, keys, earlier, editable, onChange, onMove, onRemove }: Props) => {
  const { t } = useI18n();
  const title = (
    <Flex gap={6} align="center" wrap>
      <Tag>{q.key}</Tag>
      <Typography.Text ellipsis style={{ maxWidth: 420 }}>
        {q.text}
      </Typography.Text>
      {q.required && <Tag color="geekblue">{t('surveys.required')}</Tag>}
      {!q.readAloud && <Tag>{t('surveys.notReadAloud')}</Tag>}
      {q.critical && <Tag color="red">{t('surveys.critical')}</Tag>}
      {q.factor && <Tag color="purple">{q.factor}</Tag>}
    </Flex>
  );
  if (!editable)
    return (
      <Card size="small" title={title} style={{ marginBottom: 8 }}>
        <QuestionView question={q} />
      </Card>
    );
  const set = (patch: Partial<SurveyQuestion>) => onChange({ ...q, ...patch });
  return (
    <Card
      size="small"
      title={title}
      style={{ marginBottom: 8 }}
      data-testid={`question-${q.key}`}
      extra={
        <Space size={0}>
          <Button
            size="small"
            type="text"
            icon={<ArrowUpOutlined />}
            onClick={() => onMove(-1)}
            aria-label={t('surveys.moveUp')}
          />
          <Button
            size="small"
            type="text"
            icon={<ArrowDownOutlined />}
            onClick={() => onMove(1)}
            aria-label={t('surveys.moveDown')}
          />
          <Button
            size="small"
            type="text"
            danger
            icon={<DeleteOutlined />}
            onClick={onRemove}
            aria-label={t('surveys.remove')}
          />
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }} size={6}>
        <Space wrap>
          <Input
            addonBefore={t('surveys.q.key')}
            style={{ width: 170 }}
            value={q.key}
            onChange={(e) => set({ key: e.target.value })}
            data-testid={`q-key-${q.key}`}
          />
          <Select
            style={{ width: 200 }}
            value={q.type}
            onChange={(type) =>
              set({
                type,
                options: fixedOptions[type] ? [] : q.options,
                reasonOn: type === 'yes_no_reason' ? (q.reasonOn ?? 'no') : null,
                rules: [],
              })
            }
            options={questionTypes.map((x) => ({ value: x, label: t(`surveys.type.${x}`) }))}
            data-testid={`q-type-${q.key}`}
          />
          <Input
            addonBefore={t('surveys.q.factor')}
            style={{ width: 200 }}
            value={q.factor ?? ''}
            onChange={(e) => set({ factor: e.target.value || null })}
          />
        </Space>
        <Input.TextArea
          rows={2}
          value={q.text}
          onChange={(e) => set({ text: e.target.value })}
          data-testid={`q-text-${q.key}`}
        />
        <Input
          placeholder={t('surveys.q.note')}
          value={q.note ?? ''}
          onChange={(e) => set({ note: e.target.value || null })}
        />
        <Space wrap>
          <Switch checked={q.required} onChange={(v) => set({ required: v })} /> {t('surveys.required')}
          <Switch checked={q.readAloud} onChange={(v) => set({ readAloud: v })} /> {t('surveys.readAloud')}
          <Switch checked={q.critical} onChange={(v) => set({ critical: v })} /> {t('surveys.critical')}
          {q.type === 'yes_no_reason' && (
            <Select
              size="small"
              value={q.reasonOn}
              onChange={(reasonOn) => set({ reasonOn })}
              options={(['no', 'yes', 'always'] as const).map((v) => ({ value: v, label: t(`surveys.reasonOn.${v}`) }))}
            />
          )}
        </Space>
        {choiceTypes.has(q.type) && <OptionsEditor question={q} onChange={(options) => set({ options })} />}
        <Typography.Text type="secondary">{t('surveys.q.askIf')}</Typography.Text>
        <ConditionsEditor question={q} earlier={earlier} onChange={(askIf) => set({ askIf })} />
        <Typography.Text type="secondary">{t('surveys.q.rules')}</Typography.Text>
        <RulesEditor question={q} keys={keys} onChange={(rules) => set({ rules })} />
      </Space>
    </Card>
  );
};
