import type { SurveyIssue, SurveyIssueCode } from './survey-engine.ts';

type Say = (q: string, other: string) => string;

/** Each routing or answer fault in words that name the question (the server's 400s, the builder's preview). */
const messages: Record<'zh-CN' | 'en', Record<SurveyIssueCode, Say>> = {
  'zh-CN': {
    empty: () => '问卷至少需要一道题',
    duplicate_question: (q) => `题号 ${q} 重复，每道题的题号必须唯一`,
    duplicate_option: (q, o) => `题目 ${q} 的选项 ${o} 重复`,
    options_needed: (q) => `题目 ${q} 至少需要两个选项`,
    other_option: (q) => `题目 ${q}：“含其他”的单选题须有且只有一个“其他”选项，其他题型不能设“其他”选项`,
    reason_on: (q) => `题目 ${q}：只有“是/否（须写明原因）”题需要指定哪个回答须写原因`,
    goto_missing: (q, o) => `题目 ${q} 的跳转目标 ${o} 不存在`,
    goto_target: (q) => `题目 ${q} 的跳转规则没有指定目标题`,
    condition_missing: (q, o) => `题目 ${q} 的提问条件引用了不存在的题目 ${o}`,
    condition_order: (q, o) => `题目 ${q} 的提问条件引用了 ${o}，只能引用在它之前的题目`,
    condition_value: (q, o) => `题目 ${q} 的条件使用了${o ? `题目 ${o} ` : ''}没有的选项或超出范围的分值`,
    condition_type: (q, o) =>
      `题目 ${q} 的条件与${o ? `题目 ${o} ` : ''}的题型不符（开放题不能作条件，分值题用“小于/不小于”）`,
    rule_type: (q) => `题目 ${q} 的跳转条件与题型不符（开放题不能设跳转，分值题用“小于/不小于”）`,
    cycle: (q, o) => `题目 ${q} 跳转到 ${o} 会形成循环，问卷将无法结束`,
    unreachable: (q) => `必答题 ${q} 在任何回答路径上都不会被问到，请检查跳转规则或改为选答`,
    owner_first: (q) => `车主App问卷的第一题（${q}）必须是必答的0–10分评分题`,
    answer_unknown: (q) => `问卷中没有题目 ${q}`,
    answer_skipped: (q) => `根据前面的回答，题目 ${q} 应跳过，不能作答`,
    answer_required: (q) => `题目 ${q} 为必答题，请作答`,
    answer_shape: (q) => `题目 ${q} 的回答与题型不符`,
    answer_choice: (q) => `题目 ${q} 的回答不是该题的选项`,
    answer_other_text: (q) => `题目 ${q} 选择了“其他”，请注明具体内容`,
    answer_reason: (q) => `题目 ${q} 请写明原因`,
    answer_score: (q) => `题目 ${q} 的分值超出范围`,
  },
  en: {
    empty: () => 'A questionnaire needs at least one question',
    duplicate_question: (q) => `Question number ${q} is used twice; each question needs its own`,
    duplicate_option: (q, o) => `Question ${q} has option ${o} twice`,
    options_needed: (q) => `Question ${q} needs at least two options`,
    other_option: (q) =>
      `Question ${q}: a choice with "other" needs exactly one "other" option, and other types cannot have one`,
    reason_on: (q) => `Question ${q}: only a yes/no question with a reason says which answer must give it`,
    goto_missing: (q, o) => `Question ${q} jumps to ${o}, which does not exist`,
    goto_target: (q) => `Question ${q} has a jump without a target question`,
    condition_missing: (q, o) => `Question ${q} is asked on a condition about ${o}, which does not exist`,
    condition_order: (q, o) =>
      `Question ${q} is asked on a condition about ${o}; a condition may only name an earlier question`,
    condition_value: (q, o) =>
      `Question ${q} has a condition with an option or score ${o ? `question ${o} ` : ''}does not offer`,
    condition_type: (q, o) =>
      `Question ${q} has a condition that does not fit the type of ${o ? `question ${o}` : 'the question'} (free text cannot be tested; scales use less than / at least)`,
    rule_type: (q) =>
      `Question ${q} has a jump that does not fit its type (free text cannot jump; scales use less than / at least)`,
    cycle: (q, o) => `Question ${q} jumps to ${o} and makes a loop; the questionnaire could never end`,
    unreachable: (q) => `Required question ${q} is on no path of answers; check the jumps or make it optional`,
    owner_first: (q) => `The owner app's questionnaire must start with a required 0–10 rating (${q} is not)`,
    answer_unknown: (q) => `The questionnaire has no question ${q}`,
    answer_skipped: (q) => `Question ${q} is skipped by the answers before it and cannot be answered`,
    answer_required: (q) => `Question ${q} is required; please answer it`,
    answer_shape: (q) => `The answer to question ${q} does not fit its type`,
    answer_choice: (q) => `The answer to question ${q} is not one of its options`,
    answer_other_text: (q) => `Question ${q}: "other" was chosen; please say what`,
    answer_reason: (q) => `Question ${q}: please give the reason`,
    answer_score: (q) => `The score for question ${q} is out of range`,
  },
};

export const surveyIssueMessage = (locale: 'zh-CN' | 'en', issue: SurveyIssue): string =>
  messages[locale][issue.code](issue.question, issue.other ?? '');
