import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { shippedArticles } from '../content/knowledge.shipped.ts';
import { buildIndex, coverage, search } from '../content/search.ts';
import { answerThreshold, confident, handoverRoleOf, ownTopicOf, wantsPerson } from './assistant.rules.ts';

// The assistant's threshold (assistant.rules.ts) over the shipped articles: what it answers and what it hands on.
const index = buildIndex(
  shippedArticles.map((a) => ({ id: a.key, title: a.title, keywords: a.keywords, body: a.body })),
);
const best = (question: string) => {
  const [hit] = search(index, question, 1);
  return hit ? { id: hit.id, score: hit.score, coverage: coverage(index, hit.id, question) } : null;
};

describe('the assistant: when it answers, when it hands over, and to whom', () => {
  test('car-care questions clear the threshold with the right article', () => {
    const answered: [string, string][] = [
      ['轮胎多久换一次', 'tyre-rotation'],
      ['新车磨合期要注意什么', 'run-in-new-car'],
      ['仪表盘亮红灯怎么办', 'warning-light-colours'],
      ['出险理赔要带什么资料', 'insurance-claim-documents'],
      ['冬天电瓶没电打不着火', 'battery-care'],
      ['胎压多少合适', 'tyre-pressure'],
    ];
    for (const [question, key] of answered) {
      const hit = best(question);
      assert.equal(hit?.id, key, question);
      assert.ok(confident(hit), `${question}: score ${hit?.score} coverage ${hit?.coverage}`);
    }
  });

  test('questions the articles do not answer stay below it (the assistant says it is unsure)', () => {
    for (const question of ['车险续保多少钱', '你们店周末几点关门', '新款SUV有现车吗', '帮我开一张发票']) {
      const hit = best(question);
      assert.ok(!confident(hit), `${question}: ${hit?.id} score ${hit?.score} coverage ${hit?.coverage}`);
    }
    assert.ok(!confident(null));
    assert.ok(!confident({ score: answerThreshold.minScore + 10, coverage: answerThreshold.minCoverage - 0.01 }));
    assert.ok(!confident({ score: answerThreshold.minScore - 0.01, coverage: 1 }));
  });

  test('questions about the owner own records, a request for a person, and the advisor each goes to', () => {
    assert.equal(ownTopicOf('我的车什么时候能修好'), 'visit');
    assert.equal(ownTopicOf('下次保养是什么时候'), 'next_service');
    assert.equal(ownTopicOf('我的预约是几点'), 'booking');
    assert.equal(ownTopicOf('轮胎多久换一次'), null);
    assert.ok(wantsPerson('转人工'));
    assert.ok(!wantsPerson('胎压多少合适'));
    assert.equal(handoverRoleOf('车险续保多少钱'), 'insurance');
    assert.equal(handoverRoleOf('想试驾新款'), 'sales');
    assert.equal(handoverRoleOf('空调有异味'), 'service');
  });
});
