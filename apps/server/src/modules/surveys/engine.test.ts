import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  answerIssues,
  definitionIssues,
  surveyIssueMessage,
  walk,
  type SurveyAnswers,
  type SurveyDefinitionInput,
} from '@m4s/contracts';
import { normalize } from './surveys.service.ts';
import { templates } from './templates/index.ts';

const def = (questions: SurveyDefinitionInput['sections'][number]['questions']) =>
  normalize({ sections: [{ key: 'body', kind: 'body', questions }] });
const choice = (key: string, extra: object = {}) => ({
  key,
  text: `题目${key}`,
  type: 'single' as const,
  options: [
    { key: 'a', label: '甲' },
    { key: 'b', label: '乙' },
  ],
  ...extra,
});
const codes = (issues: { code: string; question: string }[]) => issues.map((i) => `${i.code}:${i.question}`);

describe('survey engine: a questionnaire is refused when its routing cannot hold', () => {
  test('every shipped template is valid (the repair follow-up one as the owner app survey too)', () => {
    for (const t of templates) {
      const d = normalize(t.definition);
      assert.deepEqual(definitionIssues(d, { ownerSurvey: t.ownerSurvey }), [], t.key);
    }
  });

  test('a jump to a missing question names both', () => {
    const issues = definitionIssues(
      def([
        choice('Q1', { rules: [{ when: { op: 'in', values: ['a'] }, action: 'goto', target: 'Q9' }] }),
        choice('Q2'),
      ]),
    );
    assert.deepEqual(codes(issues), ['goto_missing:Q1']);
    assert.equal(surveyIssueMessage('zh-CN', issues[0]!), '题目 Q1 的跳转目标 Q9 不存在');
    assert.equal(surveyIssueMessage('en', issues[0]!), 'Question Q1 jumps to Q9, which does not exist');
  });

  test('a cycle is refused, naming the question whose jump closes it', () => {
    const issues = definitionIssues(
      def([
        choice('Q1'),
        choice('Q2'),
        choice('Q3', { rules: [{ when: { op: 'in', values: ['a'] }, action: 'goto', target: 'Q1' }] }),
      ]),
    );
    assert.deepEqual(codes(issues), ['cycle:Q3']);
    assert.equal(surveyIssueMessage('zh-CN', issues[0]!), '题目 Q3 跳转到 Q1 会形成循环，问卷将无法结束');
    const self = definitionIssues(
      def([choice('Q1', { rules: [{ when: { op: 'in', values: ['b'] }, action: 'goto', target: 'Q1' }] })]),
    );
    assert.deepEqual(codes(self), ['cycle:Q1']);
  });

  test('a required question no path reaches is refused; made optional, it is accepted', () => {
    const jumps = { rules: [{ when: { op: 'in', values: ['a', 'b'] }, action: 'goto', target: 'Q3' }] };
    const issues = definitionIssues(def([choice('Q1', jumps), choice('Q2'), choice('Q3')]));
    assert.deepEqual(codes(issues), ['unreachable:Q2']);
    assert.match(surveyIssueMessage('zh-CN', issues[0]!), /必答题 Q2 在任何回答路径上都不会被问到/);
    assert.deepEqual(definitionIssues(def([choice('Q1', jumps), choice('Q2', { required: false }), choice('Q3')])), []);
    // Jumping on one answer only leaves the other to fall through: Q2 is reachable.
    const one = { rules: [{ when: { op: 'in', values: ['a'] }, action: 'goto', target: 'Q3' }] };
    assert.deepEqual(definitionIssues(def([choice('Q1', one), choice('Q2'), choice('Q3')])), []);
    // After a terminate on every answer nothing is reachable.
    const end = { rules: [{ when: { op: 'in', values: ['a', 'b'] }, action: 'terminate' }] };
    assert.deepEqual(codes(definitionIssues(def([choice('Q1', end), choice('Q2')]))), ['unreachable:Q2']);
  });

  test('conditions must name an earlier question and one of its options; duplicates and shapes are named', () => {
    const later = definitionIssues(
      def([choice('Q1', { askIf: [{ question: 'Q2', op: 'in', values: ['a'] }] }), choice('Q2')]),
    );
    assert.deepEqual(codes(later), ['condition_order:Q1']);
    const value = definitionIssues(
      def([choice('Q1'), choice('Q2', { askIf: [{ question: 'Q1', op: 'in', values: ['z'] }] })]),
    );
    assert.deepEqual(codes(value), ['condition_value:Q2']);
    const missing = definitionIssues(def([choice('Q1', { askIf: [{ question: 'Q0', op: 'in', values: ['a'] }] })]));
    assert.deepEqual(codes(missing), ['condition_missing:Q1']);
    assert.deepEqual(codes(definitionIssues(def([choice('Q1'), choice('Q1')]))), ['duplicate_question:Q1']);
    assert.deepEqual(codes(definitionIssues(def([{ key: 'Q1', text: '原因', type: 'yes_no_reason' }]))), [
      'reason_on:Q1',
    ]);
    assert.deepEqual(codes(definitionIssues(def([choice('Q1', { options: [{ key: 'a', label: '甲' }] })]))), [
      'options_needed:Q1',
    ]);
    const scale = { key: 'Q1', text: '打分', type: 'scale_0_10' as const };
    assert.deepEqual(codes(definitionIssues(def([choice('Q0'), scale]), { ownerSurvey: true })), ['owner_first:Q0']);
  });
});

describe('survey engine: answers follow the path', () => {
  const d = def([
    {
      key: 'Q1',
      text: '总体评分',
      type: 'scale_0_10',
      rules: [{ when: { op: 'gte', value: 8 }, action: 'goto', target: 'Q3' }],
    },
    {
      key: 'Q2',
      text: '哪里不满意',
      type: 'choice_other',
      options: [
        { key: 'wait', label: '等待' },
        { key: 'other', label: '其他', other: true },
      ],
    },
    { key: 'Q3', text: '是否推荐', type: 'yes_no_reason', reasonOn: 'no' },
    { key: 'Q4', text: '建议', type: 'text', required: false },
  ]);

  test('a happy score jumps Q2; answering it anyway is refused, naming it', () => {
    assert.deepEqual(walk(d, { Q1: { score: 9 } }).path, ['Q1', 'Q3', 'Q4']);
    const skipped = answerIssues(
      d,
      { Q1: { score: 9 }, Q2: { choice: 'wait' }, Q3: { choice: 'yes' } },
      { complete: true },
    );
    assert.deepEqual(codes(skipped), ['answer_skipped:Q2']);
    assert.equal(surveyIssueMessage('zh-CN', skipped[0]!), '根据前面的回答，题目 Q2 应跳过，不能作答');
  });

  test('an unhappy score asks Q2; leaving it out is refused; "other" and "no" need their text', () => {
    assert.deepEqual(walk(d, { Q1: { score: 5 } }).path, ['Q1', 'Q2', 'Q3', 'Q4']);
    assert.deepEqual(codes(answerIssues(d, { Q1: { score: 5 }, Q3: { choice: 'yes' } }, { complete: true })), [
      'answer_required:Q2',
    ]);
    assert.deepEqual(codes(answerIssues(d, { Q1: { score: 5 } }, { complete: false })), [], 'a partial set may stop');
    const other: SurveyAnswers = { Q1: { score: 5 }, Q2: { choice: 'other' }, Q3: { choice: 'no' } };
    assert.deepEqual(codes(answerIssues(d, other, { complete: true })), ['answer_other_text:Q2', 'answer_reason:Q3']);
    const ok: SurveyAnswers = {
      Q1: { score: 5 },
      Q2: { choice: 'other', text: '洗车没洗' },
      Q3: { choice: 'no', text: '太贵' },
    };
    assert.deepEqual(answerIssues(d, ok, { complete: true }), []);
    assert.deepEqual(codes(answerIssues(d, { Q1: { score: 11 } }, { complete: false })), ['answer_score:Q1']);
    assert.deepEqual(codes(answerIssues(d, { Q1: { choice: 'a' } }, { complete: false })), ['answer_shape:Q1']);
    assert.deepEqual(codes(answerIssues(d, { Q9: { score: 1 } }, { complete: false })), ['answer_unknown:Q9']);
  });
});

/** 附录C (seed-001-ch5-7.md §1.7): the routing as the textbook gives it. */
describe('Appendix C post-service questionnaire: its routing', () => {
  const template = templates.find((t) => t.key === 'post_service');
  const c = normalize(template!.definition);
  const screened: SurveyAnswers = {
    S1: { choice: 'yes' },
    S2: { choice: 'match' },
    S3: { choice: 'private' },
    S5: { choice: 'no' },
    S6: { text: '上周三' },
    S7: { choice: 'yes' },
    S8: { choice: 'no' },
    Q1: { score: 9 },
    Q2: { score: 9 },
    Q3a: { choice: 'definitely' },
    Q4: { choice: 'some' },
  };
  const asked = (answers: SurveyAnswers, key: string) => walk(c, answers).path.includes(key);

  test('Q7 is asked only when Q5 is not a tyre change and Q6 is not 很难说', () => {
    const cases: [string, string, boolean][] = [
      ['maintenance', 'satisfied', true],
      ['tyre', 'satisfied', false],
      ['maintenance', 'hard_to_say', false],
      ['tyre', 'hard_to_say', false],
      ['recall', 'dissatisfied', true],
    ];
    for (const [q5, q6, expected] of cases)
      assert.equal(asked({ ...screened, Q5: { choice: q5 }, Q6: { choice: q6 } }, 'Q7'), expected, `Q5=${q5} Q6=${q6}`);
    const refused = answerIssues(
      c,
      { ...screened, Q5: { choice: 'tyre' }, Q6: { choice: 'satisfied' }, Q7: { choice: 'yes' } },
      { complete: false },
    );
    assert.deepEqual(codes(refused), ['answer_skipped:Q7']);
  });

  test('Q9c and Q9d are skipped for a recall, asked otherwise', () => {
    const recall = { ...screened, Q5: { choice: 'recall' }, Q6: { choice: 'satisfied' } };
    assert.equal(asked(recall, 'Q9c'), false);
    assert.equal(asked(recall, 'Q9d'), false);
    assert.equal(asked(recall, 'Q9b'), true);
    assert.equal(asked(recall, 'Q9e'), true);
    const repair = { ...recall, Q5: { choice: 'repair' } };
    assert.equal(asked(repair, 'Q9c'), true);
    assert.equal(asked(repair, 'Q9d'), true);
  });

  test('Q3b only after 不确定（说不准）/可能不会/一定不会; S2 mismatch thanks and terminates', () => {
    for (const [q3a, expected] of [
      ['definitely', false],
      ['probably', false],
      ['unsure', true],
      ['probably_not', true],
      ['definitely_not', true],
    ] as const)
      assert.equal(asked({ ...screened, Q3a: { choice: q3a } }, 'Q3b'), expected, q3a);
    const mismatch = walk(c, { S1: { choice: 'yes' }, S2: { choice: 'mismatch' } });
    assert.equal(mismatch.terminatedAt, 'S2');
    assert.deepEqual(mismatch.path, ['S1', 'S2']);
    assert.deepEqual(answerIssues(c, { S1: { choice: 'yes' }, S2: { choice: 'mismatch' } }, { complete: true }), []);
  });

  test('a whole interview for a recall is complete without Q7 (很难说) nor Q9c–d', () => {
    const full: SurveyAnswers = {
      ...screened,
      Q5: { choice: 'recall' },
      Q6: { choice: 'hard_to_say' },
      Q8: { choice: 'no' },
      Q9a1: { choice: 'satisfied' },
      Q9a2: { choice: 'satisfied' },
      Q9a3: { choice: 'very_satisfied' },
      Q9b: { choice: 'yes' },
      Q9e: { choice: 'no' },
      Q9g1: { choice: 'no' },
      Q9h1: { choice: 'no' },
      Q10: { choice: 'satisfied' },
      Q11: { choice: 'yes' },
      Q12a: { choice: 'consistent' },
      Q12b: { choice: 'no' },
      Q12c: { choice: 'yes' },
      Q13: { choice: 'satisfied' },
      Q14: { choice: 'probably' },
      Q16a: { choice: 'dont_know' },
      Q17: { choice: 'female' },
      Q18: { choice: '36_45' },
      Q19: { choice: 'bachelor' },
      Q20: { choice: 'other', text: '教师' },
    };
    assert.deepEqual(answerIssues(c, full, { complete: true }), []);
    const { Q9e: _, ...withoutQ9e } = full;
    assert.deepEqual(codes(answerIssues(c, withoutQ9e, { complete: true })), ['answer_required:Q9e']);
  });
});
