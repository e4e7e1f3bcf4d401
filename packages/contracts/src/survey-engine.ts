import {
  fixedOptions,
  type SurveyAnswer,
  type SurveyAnswers,
  type SurveyCondition,
  type SurveyDefinition,
  type SurveyOption,
  type SurveyQuestion,
  type SurveyRule,
} from './surveys.ts';

/**
 * The questionnaire's routing, as pure functions shared by the server (refusing a bad questionnaire or a bad
 * answer set), the admin's preview and the owner app's form. A questionnaire is read as one list of questions
 * in section order; after a question, the first of its rules that matches the answer goes to another question
 * or ends the questionnaire, else the next question follows. A question with `askIf` conditions is skipped
 * when one of them does not hold (then the one after it follows).
 */

export type SurveyIssueCode =
  | 'empty'
  | 'duplicate_question'
  | 'duplicate_option'
  | 'options_needed'
  | 'other_option'
  | 'reason_on'
  | 'goto_missing'
  | 'goto_target'
  | 'condition_missing'
  | 'condition_order'
  | 'condition_value'
  | 'condition_type'
  | 'rule_type'
  | 'cycle'
  | 'unreachable'
  | 'owner_first'
  | 'answer_unknown'
  | 'answer_skipped'
  | 'answer_required'
  | 'answer_shape'
  | 'answer_choice'
  | 'answer_other_text'
  | 'answer_reason'
  | 'answer_score';

/** What is wrong, where (a path for the form), and the question(s) it names. */
export type SurveyIssue = { path: string; code: SurveyIssueCode; question: string; other?: string };

export const questionsOf = (def: SurveyDefinition): SurveyQuestion[] => def.sections.flatMap((s) => s.questions);

/** The options a question offers: the type's own (yes/no, know/don't know, agree/decline) or the listed ones. */
export const optionsOf = (q: SurveyQuestion): SurveyOption[] =>
  fixedOptions[q.type]?.map((o) => ({ ...o, other: false, score: null })) ?? q.options;

const isChoice = (q: SurveyQuestion) => !['text', 'scale_0_10', 'scale_1_5'].includes(q.type);
const isScale = (q: SurveyQuestion) => q.type === 'scale_0_10' || q.type === 'scale_1_5';
const scaleRange = (q: SurveyQuestion): [number, number] => (q.type === 'scale_1_5' ? [1, 5] : [0, 10]);

/** Whether an answer meets a test (a condition on it, or a rule's `when`). No answer meets only `not_in`. */
export const meets = (
  test: Pick<SurveyCondition, 'op' | 'values' | 'value'>,
  answer: SurveyAnswer | undefined,
): boolean => {
  const chosen = answer?.choices ?? (answer?.choice === undefined ? [] : [answer.choice]);
  switch (test.op) {
    case 'in':
      return chosen.some((c) => test.values.includes(c));
    case 'not_in':
      return !chosen.some((c) => test.values.includes(c));
    case 'lt':
      return answer?.score !== undefined && test.value !== null && answer.score < test.value;
    case 'gte':
      return answer?.score !== undefined && test.value !== null && answer.score >= test.value;
  }
};

/** The answers with one answer set (or, undefined, taken back): what a form keeps as it is filled in. */
export const withAnswer = (answers: SurveyAnswers, key: string, answer: SurveyAnswer | undefined): SurveyAnswers => {
  const next = { ...answers };
  if (answer) next[key] = answer;
  else delete next[key];
  return next;
};

export const isAsked = (q: SurveyQuestion, answers: SurveyAnswers): boolean =>
  q.askIf.every((c) => meets(c, answers[c.question]));

export type SurveyWalk = {
  /** The questions asked, in order, given the answers so far (an unanswered question is passed over). */
  path: string[];
  /** The questions the answers route around (a goto jumped them, a condition did not hold). */
  skipped: string[];
  /** A terminate rule ended it (and at which question). */
  terminatedAt: string | null;
  /** The first question on the path still without an answer. */
  next: string | null;
};

/** Walks the questionnaire with the answers given. Bounded: a cycle (refused on save) cannot loop it. */
export const walk = (def: SurveyDefinition, answers: SurveyAnswers): SurveyWalk => {
  const qs = questionsOf(def);
  const index = new Map(qs.map((q, i) => [q.key, i]));
  const path: string[] = [];
  let terminatedAt: string | null = null;
  let i = 0;
  for (let steps = 0; i < qs.length && steps <= qs.length; steps++) {
    const q = qs[i];
    if (!q) break;
    if (!isAsked(q, answers)) {
      i++;
      continue;
    }
    path.push(q.key);
    const answer = answers[q.key];
    const rule = answer ? q.rules.find((r) => meets(r.when, answer)) : undefined;
    if (rule?.action === 'terminate') {
      terminatedAt = q.key;
      break;
    }
    const target = rule?.target ? index.get(rule.target) : undefined;
    i = target ?? i + 1;
  }
  const on = new Set(path);
  return {
    path,
    skipped: qs.filter((q) => !on.has(q.key)).map((q) => q.key),
    terminatedAt,
    next: path.find((k) => answers[k] === undefined) ?? null,
  };
};

/** The options a rule's or a condition's test names that a question does not offer. */
const unknownValues = (q: SurveyQuestion, values: readonly string[]) => {
  const keys = new Set(optionsOf(q).map((o) => o.key));
  return values.filter((v) => !keys.has(v));
};

const testIssue = (
  q: SurveyQuestion,
  test: Pick<SurveyRule['when'], 'op' | 'values' | 'value'>,
): 'condition_type' | 'condition_value' | null => {
  if (q.type === 'text') return 'condition_type';
  const scaleTest = test.op === 'lt' || test.op === 'gte';
  if (scaleTest !== isScale(q)) return 'condition_type';
  if (scaleTest) {
    const [min, max] = scaleRange(q);
    return test.value === null || test.value < min || test.value > max ? 'condition_value' : null;
  }
  return test.values.length === 0 || unknownValues(q, test.values).length > 0 ? 'condition_value' : null;
};

/** Each question's own shape: options, the "other" option, the reason. */
const shapeIssues = (q: SurveyQuestion, at: string): SurveyIssue[] => {
  const issues: SurveyIssue[] = [];
  const own = fixedOptions[q.type] === undefined && isChoice(q);
  if (own && q.options.length < 2) issues.push({ path: `${at}.options`, code: 'options_needed', question: q.key });
  const keys = q.options.map((o) => o.key);
  const dup = keys.find((k, i) => keys.indexOf(k) !== i);
  if (dup) issues.push({ path: `${at}.options`, code: 'duplicate_option', question: q.key, other: dup });
  const others = q.options.filter((o) => o.other).length;
  if (q.type === 'choice_other' ? others !== 1 : others > 0 && q.type !== 'multiple')
    issues.push({ path: `${at}.options`, code: 'other_option', question: q.key });
  if ((q.type === 'yes_no_reason') !== (q.reasonOn !== null))
    issues.push({ path: `${at}.reasonOn`, code: 'reason_on', question: q.key });
  return issues;
};

/**
 * What can follow a question: its rules' targets (null = the end), and the next question unless its rules
 * cover every answer of a required choice question.
 */
const successors = (qs: SurveyQuestion[], index: Map<string, number>, i: number): (number | null)[] => {
  const q = qs[i];
  if (!q) return [];
  const out: (number | null)[] = q.rules.map((r) =>
    r.action === 'terminate' ? null : (index.get(r.target ?? '') ?? null),
  );
  const options = optionsOf(q).map((o) => o.key);
  const covered =
    q.required &&
    q.type !== 'multiple' &&
    isChoice(q) &&
    options.every((o) => q.rules.some((r) => meets(r.when, { choice: o })));
  if (!covered) out.push(i + 1 < qs.length ? i + 1 : null);
  // A question that may be skipped by its condition leads on to the one after it as well.
  const expanded: (number | null)[] = [];
  const add = (n: number | null, depth: number) => {
    expanded.push(n);
    const next = n === null ? undefined : qs[n];
    if (next && n !== null && next.askIf.length > 0 && depth < qs.length)
      add(n + 1 < qs.length ? n + 1 : null, depth + 1);
  };
  for (const n of out) add(n, 0);
  return expanded;
};

/** The routing's faults: gotos to nothing, a cycle, required questions no path reaches. */
const routingIssues = (qs: SurveyQuestion[], where: Map<string, string>): SurveyIssue[] => {
  const index = new Map(qs.map((q, i) => [q.key, i]));
  const issues: SurveyIssue[] = [];
  qs.forEach((q, i) => {
    q.rules.forEach((r, n) => {
      const at = `${where.get(q.key)}.rules.${n}`;
      if (r.action === 'goto' && !r.target) issues.push({ path: at, code: 'goto_target', question: q.key });
      else if (r.action === 'goto' && !index.has(r.target ?? ''))
        issues.push({ path: `${at}.target`, code: 'goto_missing', question: q.key, other: r.target ?? '' });
      else if (r.action === 'goto' && r.target === q.key)
        issues.push({ path: `${at}.target`, code: 'cycle', question: q.key, other: q.key });
      const bad = testIssue(q, r.when);
      if (bad) issues.push({ path: `${at}.when`, code: bad === 'condition_type' ? 'rule_type' : bad, question: q.key });
    });
    q.askIf.forEach((c, n) => {
      const at = `${where.get(q.key)}.askIf.${n}`;
      const j = index.get(c.question);
      const on = j === undefined ? undefined : qs[j];
      if (j === undefined || !on)
        issues.push({ path: at, code: 'condition_missing', question: q.key, other: c.question });
      else if (j >= i) issues.push({ path: at, code: 'condition_order', question: q.key, other: c.question });
      else {
        const bad = testIssue(on, c);
        if (bad) issues.push({ path: at, code: bad, question: q.key, other: c.question });
      }
    });
  });
  if (issues.length > 0) return issues;

  // A cycle: a path that comes back to a question (depth-first, the edge that closes it names it).
  const state = new Array<0 | 1 | 2>(qs.length).fill(0);
  const visit = (i: number): SurveyIssue | null => {
    state[i] = 1;
    for (const n of successors(qs, index, i)) {
      if (n === null) continue;
      if (state[n] === 1) {
        const from = qs[i]?.key ?? '';
        return { path: where.get(from) ?? '', code: 'cycle', question: from, other: qs[n]?.key ?? '' };
      }
      if (state[n] === 0) {
        const found = visit(n);
        if (found) return found;
      }
    }
    state[i] = 2;
    return null;
  };
  for (let i = 0; i < qs.length; i++) {
    const found = state[i] === 0 ? visit(i) : null;
    if (found) return [found];
  }

  // Reachable from the start (the first question, or past it when it may be skipped).
  const reached = new Set<number>();
  const queue: number[] = [];
  const enter = (n: number | null) => {
    if (n === null || reached.has(n)) return;
    reached.add(n);
    queue.push(n);
    const q = qs[n];
    if (q && q.askIf.length > 0) enter(n + 1 < qs.length ? n + 1 : null);
  };
  if (qs.length > 0) enter(0);
  while (queue.length > 0) for (const n of successors(qs, index, queue.shift() ?? 0)) enter(n);
  qs.forEach((q, i) => {
    if (q.required && !reached.has(i))
      issues.push({ path: where.get(q.key) ?? '', code: 'unreachable', question: q.key });
  });
  return issues;
};

/**
 * Everything wrong with a questionnaire, or nothing: refused on save when anything is. `ownerSurvey` adds the
 * owner app's rule: its first question is a required 0–10 (the visit rating).
 */
export const definitionIssues = (def: SurveyDefinition, opts: { ownerSurvey?: boolean } = {}): SurveyIssue[] => {
  const qs = questionsOf(def);
  if (qs.length === 0) return [{ path: 'definition.sections', code: 'empty', question: '' }];
  const where = new Map<string, string>();
  const issues: SurveyIssue[] = [];
  def.sections.forEach((s, si) =>
    s.questions.forEach((q, qi) => {
      const at = `definition.sections.${si}.questions.${qi}`;
      if (where.has(q.key)) issues.push({ path: `${at}.key`, code: 'duplicate_question', question: q.key });
      else where.set(q.key, at);
      issues.push(...shapeIssues(q, at));
    }),
  );
  if (issues.length > 0) return issues;
  const first = qs[0];
  if (opts.ownerSurvey && first && !(first.type === 'scale_0_10' && first.required && first.askIf.length === 0))
    issues.push({ path: where.get(first.key) ?? '', code: 'owner_first', question: first.key });
  return [...issues, ...routingIssues(qs, where)];
};

/** One answer against its question's type. */
const answerIssue = (q: SurveyQuestion, a: SurveyAnswer): SurveyIssue['code'] | null => {
  const keys = new Set(optionsOf(q).map((o) => o.key));
  const other = optionsOf(q).find((o) => o.other)?.key;
  const fields = Object.keys(a).filter((k) => a[k as keyof SurveyAnswer] !== undefined);
  const only = (...allowed: string[]) => fields.every((f) => allowed.includes(f));
  switch (q.type) {
    case 'scale_0_10':
    case 'scale_1_5': {
      if (!only('score') || a.score === undefined) return 'answer_shape';
      const [min, max] = scaleRange(q);
      return a.score < min || a.score > max ? 'answer_score' : null;
    }
    case 'text':
      return !only('text') || a.text === undefined || (q.required && a.text === '') ? 'answer_shape' : null;
    case 'multiple': {
      if (!only('choices', 'text') || !a.choices || a.choices.length === 0) return 'answer_shape';
      if (a.choices.some((c) => !keys.has(c)) || new Set(a.choices).size !== a.choices.length) return 'answer_choice';
      return other && a.choices.includes(other) && !a.text ? 'answer_other_text' : null;
    }
    default: {
      if (!only('choice', 'text') || a.choice === undefined) return 'answer_shape';
      if (!keys.has(a.choice)) return 'answer_choice';
      if (q.type === 'choice_other' && a.choice === other && !a.text) return 'answer_other_text';
      if (q.type === 'yes_no_reason' && (q.reasonOn === 'always' || q.reasonOn === a.choice) && !a.text)
        return 'answer_reason';
      if (a.text !== undefined && q.type !== 'choice_other' && q.type !== 'yes_no_reason') return 'answer_shape';
      return null;
    }
  }
};

/**
 * An answer set against its questionnaire: each answer fits its question; none answers a question its path
 * skips; when `complete`, every required question on the path is answered (unless a rule ended it early).
 */
export const answerIssues = (
  def: SurveyDefinition,
  answers: SurveyAnswers,
  opts: { complete: boolean },
): SurveyIssue[] => {
  const byKey = new Map(questionsOf(def).map((q) => [q.key, q]));
  const issues: SurveyIssue[] = [];
  for (const [key, a] of Object.entries(answers)) {
    const q = byKey.get(key);
    const code = q ? answerIssue(q, a) : 'answer_unknown';
    if (code) issues.push({ path: `answers.${key}`, code, question: key });
  }
  if (issues.length > 0) return issues;
  const w = walk(def, answers);
  const onPath = new Set(w.path);
  for (const key of Object.keys(answers))
    if (!onPath.has(key)) issues.push({ path: `answers.${key}`, code: 'answer_skipped', question: key });
  if (opts.complete && w.terminatedAt === null)
    for (const key of w.path)
      if (byKey.get(key)?.required && answers[key] === undefined)
        issues.push({ path: `answers.${key}`, code: 'answer_required', question: key });
  return issues;
};
