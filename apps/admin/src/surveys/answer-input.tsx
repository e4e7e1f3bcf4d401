import { Checkbox, Input, Radio, Space } from 'antd';
import { optionsOf, type SurveyAnswer, type SurveyQuestion } from '@m4s/contracts';

type Props = {
  question: SurveyQuestion;
  value: SurveyAnswer | undefined;
  onChange: (a: SurveyAnswer | undefined) => void;
};

/** One answer as the agent records it (the builder's preview uses the same inputs). */
export const AnswerInput = ({ question: q, value, onChange }: Props) => {
  const testId = `answer-${q.key}`;
  if (q.type === 'text')
    return (
      <Input.TextArea
        rows={2}
        value={value?.text ?? ''}
        onChange={(e) => onChange(e.target.value ? { text: e.target.value } : undefined)}
        data-testid={testId}
      />
    );
  if (q.type === 'scale_0_10' || q.type === 'scale_1_5') {
    const [min, max] = q.type === 'scale_1_5' ? [1, 5] : [0, 10];
    return (
      <Radio.Group
        value={value?.score}
        onChange={(e) => onChange({ score: Number(e.target.value) })}
        optionType="button"
        size="small"
        data-testid={testId}
        options={Array.from({ length: max - min + 1 }, (_, i) => ({ label: String(min + i), value: min + i }))}
      />
    );
  }
  const options = optionsOf(q);
  const other = options.find((o) => o.other)?.key;
  const needsText =
    (other !== undefined && (value?.choice === other || value?.choices?.includes(other))) ||
    (q.type === 'yes_no_reason' &&
      value?.choice !== undefined &&
      (q.reasonOn === 'always' || q.reasonOn === value.choice));
  const text = needsText && (
    <Input
      size="small"
      value={value?.text ?? ''}
      onChange={(e) => onChange({ ...value, text: e.target.value || undefined })}
      data-testid={`${testId}-text`}
    />
  );
  if (q.type === 'multiple')
    return (
      <Space direction="vertical">
        <Checkbox.Group
          value={value?.choices ?? []}
          onChange={(v) =>
            onChange(v.length > 0 ? { choices: v, ...(value?.text ? { text: value.text } : {}) } : undefined)
          }
          options={options.map((o) => ({ label: o.label, value: o.key }))}
          data-testid={testId}
        />
        {text}
      </Space>
    );
  return (
    <Space direction="vertical">
      <Radio.Group
        value={value?.choice}
        onChange={(e) => onChange({ choice: String(e.target.value) })}
        options={options.map((o) => ({ label: o.label, value: o.key }))}
        data-testid={testId}
      />
      {text}
    </Space>
  );
};
