import type { SurveyDefinitionInput } from '@m4s/contracts';

/** Shorthands for writing the shipped templates as data. */
type QuestionInput = SurveyDefinitionInput['sections'][number]['questions'] extends (infer Q)[] | undefined ? Q : never;
export type Question = QuestionInput;

/** Options from [key, label] pairs (an optional score for the indices). */
export const opts = (...pairs: [string, string, number?][]) =>
  pairs.map(([key, label, score]) => ({ key, label, ...(score === undefined ? {} : { score }) }));

/** 非常满意 … 非常不满意 (the levels ch3-4 §4 names, with the ends ch5-7 §1.7's grids imply), scored 0–100. */
export const satisfaction = (withHardToSay = false) =>
  opts(
    ['very_satisfied', '非常满意', 100],
    ['satisfied', '满意', 75],
    ['fair', '一般满意', 50],
    ['dissatisfied', '不满意', 25],
    ['very_dissatisfied', '非常不满意', 0],
    ...(withHardToSay ? [['hard_to_say', '很难说'] as [string, string]] : []),
  );

export const yesNo = () => opts(['yes', '是'], ['no', '否']);

export const question = (
  key: string,
  text: string,
  type: Question['type'],
  rest: Partial<Question> = {},
): Question => ({
  key,
  text,
  type,
  ...rest,
});

/** Ask only when an earlier answer is (not) one of these. */
export const askIf = (question: string, op: 'in' | 'not_in', values: string[]) => ({ question, op, values });
export const goto = (values: string[], target: string) => ({
  when: { op: 'in' as const, values },
  action: 'goto' as const,
  target,
});
export const terminate = (values: string[]) => ({ when: { op: 'in' as const, values }, action: 'terminate' as const });
