import type { AdvisorRole, ChatSource } from '@m4s/contracts';
import type { OwnerCtx } from '../../platform/context.ts';
import { localOf } from '../../platform/time/zone.ts';
import { ownerBookings } from '../booking/owner.service.ts';
import { bestArticle } from '../content/knowledge.service.ts';
import { ownerGarage } from '../garage/garage.service.ts';
import { ownerVisitList } from '../visits/owner.service.ts';
import { confident, handoverRoleOf, ownTopicOf, stageWords, wantsPerson, type OwnTopic } from './assistant.rules.ts';

/** What the assistant says: answered from a source, or unsure and handed to an advisor. */
export type Answer =
  { kind: 'answered'; text: string; source: ChatSource } | { kind: 'unsure'; text: string; handoverTo: AdvisorRole };

const firstParagraphs = (body: string, max = 220) => {
  const text = body.trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const end = Math.max(cut.lastIndexOf('。'), cut.lastIndexOf('\n'));
  return `${end > 60 ? cut.slice(0, end + 1) : cut}…`;
};

const when = (iso: string, zone: string) => {
  const l = localOf(new Date(iso), zone);
  return `${l.day} ${l.time}`;
};

const fromOwnRecords = async (ctx: OwnerCtx, topic: OwnTopic, zone: string): Promise<string> => {
  if (topic === 'next_service') {
    const cars = (await ownerGarage(ctx)).vehicles.filter((v) => v.nextService);
    if (cars.length === 0) return '暂时没有您爱车的保养记录，无法推算下次保养时间。可以在「车业务」预约一次保养检查。';
    return cars
      .map((v) => {
        const n = v.nextService;
        if (!n) return '';
        const car = v.plate ?? `VIN尾号${v.vinMasked.slice(-6)}`;
        const km = n.dueKm ? `或行驶到 ${n.dueKm} 公里` : '';
        return v.serviceOverdue
          ? `${car}：保养已于 ${n.dueOn} 到期，建议尽快预约。`
          : `${car}：下次保养约在 ${n.dueOn}${km}，以先到者为准。`;
      })
      .join('\n');
  }
  if (topic === 'booking') {
    const live = (await ownerBookings(ctx)).filter((b) => b.status === 'booked');
    if (live.length === 0) return '您目前没有待到店的预约，可以在「车业务」中预约保养或维修。';
    return live.map((b) => `您预约了 ${when(b.startsAt, zone)} 到 ${b.store.name}（${b.store.address}）。`).join('\n');
  }
  const open = (await ownerVisitList(ctx)).items.filter((v) => v.status !== 'delivered');
  if (open.length === 0) return '您目前没有在店维修的车辆。';
  return open.map((v) => `${v.plate ?? '您的爱车'} 在 ${v.storeName}：${stageWords[v.status]}。`).join('\n');
};

/**
 * Answers an owner's question by retrieval (docs/chat.md): their own records for a question about them, else
 * the best article when it clears the threshold (assistant.rules.ts), else unsure — with the advisor to hand it to.
 */
export const answerQuestion = async (ctx: OwnerCtx, question: string, zone: string): Promise<Answer> => {
  if (wantsPerson(question)) {
    const role = handoverRoleOf(question);
    return { kind: 'unsure', text: '好的，已为您转给顾问，请稍候。', handoverTo: role };
  }
  const topic = ownTopicOf(question);
  if (topic) {
    return { kind: 'answered', text: await fromOwnRecords(ctx, topic, zone), source: { kind: 'own_data', topic } };
  }
  const hit = await bestArticle(ctx, question);
  if (hit && confident(hit)) {
    return {
      kind: 'answered',
      text: firstParagraphs(hit.body),
      source: { kind: 'article', id: hit.id, title: hit.title },
    };
  }
  const role = handoverRoleOf(question);
  return {
    kind: 'unsure',
    text: '这个问题我不太确定，已把您的问题和我们的对话转给您的顾问，顾问会尽快回复您。',
    handoverTo: role,
  };
};
