import { Button, InputNumber, Select, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { optionsOf, type SurveyCondition, type SurveyQuestion, type SurveyRule } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';

const isScale = (q: SurveyQuestion | undefined) => q?.type === 'scale_0_10' || q?.type === 'scale_1_5';

/** A test on an answer: options (in / not in) for a choice, a threshold (less than / at least) for a scale. */
const TestFields = ({
  on,
  value,
  onChange,
  testId,
}: {
  on: SurveyQuestion | undefined;
  value: Pick<SurveyCondition, 'op' | 'values' | 'value'>;
  onChange: (v: Pick<SurveyCondition, 'op' | 'values' | 'value'>) => void;
  testId: string;
}) => {
  const { t } = useI18n();
  const scale = isScale(on);
  const ops = scale ? (['lt', 'gte'] as const) : (['in', 'not_in'] as const);
  return (
    <>
      <Select
        size="small"
        style={{ width: 100 }}
        value={value.op}
        onChange={(op) => onChange({ ...value, op })}
        options={ops.map((op) => ({ value: op, label: t(`surveys.op.${op}`) }))}
        data-testid={`${testId}-op`}
      />
      {scale ? (
        <InputNumber
          size="small"
          min={0}
          max={10}
          value={value.value}
          onChange={(v) => onChange({ ...value, value: v ?? null })}
        />
      ) : (
        <Select
          size="small"
          mode="multiple"
          style={{ minWidth: 160 }}
          value={value.values}
          onChange={(values) => onChange({ ...value, values })}
          options={on ? optionsOf(on).map((o) => ({ value: o.key, label: o.label })) : []}
          data-testid={`${testId}-values`}
        />
      )}
    </>
  );
};

/** 跳转规则: after this question's answer, go to a question or end (致谢，终止). */
export const RulesEditor = ({
  question,
  keys,
  onChange,
}: {
  question: SurveyQuestion;
  keys: string[];
  onChange: (rules: SurveyRule[]) => void;
}) => {
  const { t } = useI18n();
  const rules = question.rules;
  const set = (i: number, rule: SurveyRule) => onChange(rules.map((r, n) => (n === i ? rule : r)));
  const fresh: SurveyRule = {
    when: isScale(question) ? { op: 'lt', values: [], value: 7 } : { op: 'in', values: [], value: null },
    action: 'goto',
    target: null,
  };
  return (
    <Space direction="vertical" size={4}>
      {rules.map((r, i) => (
        <Space key={i} wrap size={4} data-testid={`rule-${question.key}-${i}`}>
          {t('surveys.rule.when')}
          <TestFields
            on={question}
            value={r.when}
            onChange={(when) => set(i, { ...r, when })}
            testId={`rule-${question.key}-${i}`}
          />
          <Select
            size="small"
            style={{ width: 110 }}
            value={r.action}
            onChange={(action) => set(i, { ...r, action, target: action === 'terminate' ? null : r.target })}
            options={[
              { value: 'goto', label: t('surveys.rule.goto') },
              { value: 'terminate', label: t('surveys.rule.terminate') },
            ]}
          />
          {r.action === 'goto' && (
            <Select
              size="small"
              style={{ width: 100 }}
              value={r.target}
              onChange={(target) => set(i, { ...r, target })}
              options={keys.filter((k) => k !== question.key).map((k) => ({ value: k, label: k }))}
              data-testid={`rule-${question.key}-${i}-target`}
            />
          )}
          <Button
            size="small"
            type="text"
            icon={<DeleteOutlined />}
            onClick={() => onChange(rules.filter((_, n) => n !== i))}
          />
        </Space>
      ))}
      {question.type !== 'text' && (
        <Button
          size="small"
          icon={<PlusOutlined />}
          onClick={() => onChange([...rules, fresh])}
          data-testid={`rule-add-${question.key}`}
        >
          {t('surveys.rule.add')}
        </Button>
      )}
    </Space>
  );
};

/** 提问条件: asked only when every condition on an earlier answer holds. */
export const ConditionsEditor = ({
  question,
  earlier,
  onChange,
}: {
  question: SurveyQuestion;
  earlier: SurveyQuestion[];
  onChange: (askIf: SurveyCondition[]) => void;
}) => {
  const { t } = useI18n();
  const list = question.askIf;
  const set = (i: number, c: SurveyCondition) => onChange(list.map((x, n) => (n === i ? c : x)));
  const usable = earlier.filter((q) => q.type !== 'text');
  return (
    <Space direction="vertical" size={4}>
      {list.map((c, i) => (
        <Space key={i} wrap size={4}>
          {t('surveys.condition.when')}
          <Select
            size="small"
            style={{ width: 100 }}
            value={c.question}
            onChange={(key) => set(i, { ...c, question: key, values: [], value: null })}
            options={usable.map((q) => ({ value: q.key, label: q.key }))}
          />
          <TestFields
            on={earlier.find((q) => q.key === c.question)}
            value={c}
            onChange={(v) => set(i, { ...c, ...v })}
            testId={`cond-${question.key}-${i}`}
          />
          <Button
            size="small"
            type="text"
            icon={<DeleteOutlined />}
            onClick={() => onChange(list.filter((_, n) => n !== i))}
          />
        </Space>
      ))}
      {usable.length > 0 && (
        <Button
          size="small"
          icon={<PlusOutlined />}
          onClick={() =>
            onChange([...list, { question: usable[usable.length - 1]?.key ?? '', op: 'in', values: [], value: null }])
          }
        >
          {t('surveys.condition.add')}
        </Button>
      )}
    </Space>
  );
};
