import type { AdvisorRole, VisitStatus } from '@m4s/contracts';

/**
 * The assistant's pure rules (docs/chat.md): which of the owner's own records a question asks about, who a
 * question goes to when the assistant is unsure, and when an article is good enough to answer with.
 */

/**
 * An article answers when its BM25 score is at least 6 and it holds at least 60% of the question's words.
 * Chosen over the shipped articles (assistant.test.ts): the lowest right answer scores 6.48 (多久做一次保养),
 * the highest wrong one 8.02 with 40% of the words (车险续保多少钱 → the claim documents); every right answer
 * holds ≥ 67% of its words, every off-topic question ≤ 50%.
 */
export const answerThreshold = { minScore: 6, minCoverage: 0.6 } as const;

export const confident = (hit: { score: number; coverage: number } | null): boolean =>
  !!hit && hit.score >= answerThreshold.minScore && hit.coverage >= answerThreshold.minCoverage;

export type OwnTopic = 'visit' | 'booking' | 'next_service';

/** A question about the owner's own records, answered from them rather than from an article. */
export const ownTopicOf = (question: string): OwnTopic | null => {
  if (/(修好|好了没|进度|维修状态|什么时候能取|可以取车|能取车|修到哪)/.test(question)) return 'visit';
  if (/(下次保养|保养到期|什么时候.{0,4}保养|该保养|该做保养|保养时间)/.test(question)) return 'next_service';
  if (/(我的预约|预约.{0,4}(几点|时间|哪天|什么时候)|约了|预约了)/.test(question)) return 'booking';
  return null;
};

/** The owner asks for a person outright. */
export const wantsPerson = (question: string): boolean => /(人工|真人|转顾问|找顾问|客服)/.test(question);

/** Who a question goes to when the assistant does not answer it: insurance, buying, or else the service advisor. */
export const handoverRoleOf = (question: string): AdvisorRole => {
  if (/(保险|车险|续保|理赔|出险|定损|保费|交强险|商业险)/.test(question)) return 'insurance';
  if (/(买|购车|新车|车型|试驾|报价|价格|多少钱|贷款|分期|首付|置换|二手|估价|提车|优惠)/.test(question))
    return 'sales';
  return 'service';
};

export const stageWords: Record<VisitStatus, string> = {
  checked_in: '已接车，即将进入工位',
  in_bay: '维修中',
  waiting_parts: '等待配件',
  quality_check: '质检中',
  ready: '已完工，可以取车',
  delivered: '已交车',
};

export const roleWords: Record<AdvisorRole, string> = { sales: '销售顾问', service: '服务顾问', insurance: '保险顾问' };
