import type { Locale, VisitStatus } from '@m4s/contracts';

/**
 * What the owner is told, in the tone of the store's own notices (zh-CN first, English second). Owner
 * accounts carry no language yet, so messages are written in zh-CN (see docs/visits.md).
 */
export type CarWords = { car: string; store: string; greeting: string };
export type Message = { title: string; body: string };

/** 沪AK2736 → 沪A·K2736, as plates are printed; a car without a plate is named by its VIN's end. */
export const plateWords = (plate: string | null, vin: string, locale: Locale = 'zh-CN') =>
  plate && plate.length > 2
    ? `${plate.slice(0, 2)}·${plate.slice(2)}`
    : locale === 'en'
      ? `VIN …${vin.slice(-6)}`
      : `VIN尾号${vin.slice(-6)}`;

/** 尊敬的孙先生 from the customer's name and gender; 尊敬的客户 when either is unknown. */
export const greetingOf = (name: string, gender: string | null, locale: Locale = 'zh-CN') => {
  const surname = name.trim().slice(0, 1);
  if (locale === 'en') return 'Dear customer';
  if (!surname || (gender !== 'male' && gender !== 'female')) return '尊敬的客户';
  return `尊敬的${surname}${gender === 'male' ? '先生' : '女士'}`;
};

export const yuan = (fen: number) =>
  `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

const zhDate = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};
const km = (n: number) => n.toLocaleString('en-US');

type StageInput = CarWords & { from: VisitStatus | null; advisorName: string | null };

const zh = {
  stage: (to: VisitStatus, w: StageInput): Message | null => {
    switch (to) {
      case 'checked_in':
        return {
          title: '车辆已接待',
          body: `您的爱车${w.car}已在${w.store}完成接车登记${w.advisorName ? `，服务顾问${w.advisorName}将全程为您服务` : ''}。维修进度将在此实时更新。`,
        };
      case 'in_bay':
        if (w.from === 'waiting_parts')
          return { title: '配件已到，继续维修', body: `您的爱车${w.car}所需配件已到店，已重新进入维修工位。` };
        if (w.from === 'quality_check')
          return {
            title: '车辆复修中',
            body: `您的爱车${w.car}在质量检验中发现需复修的项目，已重新进入维修工位，完工后将再次质检。`,
          };
        return { title: '车辆已进入维修工位', body: `您的爱车${w.car}已进入维修工位，技师正在为您作业。` };
      case 'waiting_parts':
        return {
          title: '等待配件',
          body: `您的爱车${w.car}所需配件正在调配中，到店后将立即安排维修。如有疑问请联系服务顾问。`,
        };
      case 'quality_check':
        return { title: '维修完成，质检中', body: `您的爱车${w.car}维修作业已完成，正在进行质量检验。` };
      case 'ready':
        return {
          title: '车辆已完工，可以取车',
          body: `您的爱车${w.car}已完工并通过质检，请携带取车凭证到${w.store}服务前台办理交车手续。`,
        };
      case 'delivered':
        return null;
    }
  },
  readySms: (brand: string, w: CarWords) =>
    `【${brand}】${w.greeting}，您的爱车${w.car}已完工并通过质检，请携带取车凭证到${w.store}服务前台办理交车手续。`,
  estimate: (w: CarWords, count: number, totalFen: number, added: boolean): Message => ({
    title: added ? '新增维修项目待确认' : '估价单待确认',
    body: added
      ? `您的爱车${w.car}在维修中发现${count}项需增加的项目，合计${yuan(totalFen)}，请在App中逐项确认后我们再施工。`
      : `您的爱车${w.car}的估价单已生成，共${count}项，合计${yuan(totalFen)}，请在App中逐项确认。`,
  }),
  estimateSms: (brand: string) => `【${brand}】您的车辆估价单已生成，请在App中确认。`,
  delivered: (w: CarWords, next: { date: string | null; km: number | null }): Message => {
    const due =
      next.date && next.km !== null
        ? `下次保养：${zhDate(next.date)}或行驶至${km(next.km)}公里（以先到者为准）。`
        : next.date
          ? `下次保养：${zhDate(next.date)}。`
          : '';
    return {
      title: '交车完成，感谢您的光临',
      body: `您的爱车${w.car}已在${w.store}完成交车。${due}欢迎为本次服务评分，您的意见对我们很重要。`,
    };
  },
};

const en: typeof zh = {
  stage: (to, w) => {
    switch (to) {
      case 'checked_in':
        return {
          title: 'Car checked in',
          body: `Your car ${w.car} has been checked in at ${w.store}${w.advisorName ? `; ${w.advisorName} is your service advisor` : ''}. Progress shows here live.`,
        };
      case 'in_bay':
        if (w.from === 'waiting_parts')
          return {
            title: 'Parts arrived',
            body: `The parts for your car ${w.car} have arrived; it is back in the bay.`,
          };
        if (w.from === 'quality_check')
          return {
            title: 'Back in the bay',
            body: `The quality check of your car ${w.car} found work to redo; it is back in the bay and will be checked again.`,
          };
        return { title: 'In the service bay', body: `Your car ${w.car} is in the service bay; a technician is on it.` };
      case 'waiting_parts':
        return {
          title: 'Waiting for parts',
          body: `Parts for your car ${w.car} are on their way; work resumes as soon as they arrive.`,
        };
      case 'quality_check':
        return { title: 'Quality check', body: `The work on your car ${w.car} is done; it is being quality-checked.` };
      case 'ready':
        return {
          title: 'Ready for pickup',
          body: `Your car ${w.car} is finished and passed the quality check. Please bring your pickup slip to the service desk at ${w.store}.`,
        };
      case 'delivered':
        return null;
    }
  },
  readySms: (brand, w) =>
    `[${brand}] ${w.greeting}, your car ${w.car} is ready. Please bring your pickup slip to the service desk at ${w.store}.`,
  estimate: (w, count, totalFen, added) => ({
    title: added ? 'Additional work to approve' : 'Estimate to approve',
    body: added
      ? `The repair of your car ${w.car} found ${count} more item(s), ${yuan(totalFen)} in all; please approve or decline each in the app before we go on.`
      : `The estimate for your car ${w.car} is ready: ${count} item(s), ${yuan(totalFen)} in all. Please approve or decline each in the app.`,
  }),
  estimateSms: (brand) => `[${brand}] Your estimate is ready; please review it in the app.`,
  delivered: (w, next) => ({
    title: 'Car handed back — thank you',
    body: `Your car ${w.car} has been handed back at ${w.store}.${next.date ? ` Next service: ${next.date}${next.km !== null ? ` or at ${km(next.km)} km, whichever comes first` : ''}.` : ''} Please rate this visit; your opinion matters to us.`,
  }),
};

export const visitMessages: Record<Locale, typeof zh> = { 'zh-CN': zh, en };
