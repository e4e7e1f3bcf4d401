import type { CareRuleKey, CareTemplateKey, TouchChannel } from '@m4s/contracts';

/**
 * zh-CN default wording (version 0), written from seed 001's 参考话术 (L939, L2212, L2266, L2305, L2332,
 * L970, L1184–1186) and seed 002's reminders. `text` is the message (SMS / inbox / e-mail), `script` the
 * call script staff read; both start after the greeting the channel adds.
 */
type Wording = { title: string; text: string; script: string };

const optOut = '拒收请回复R';

export const ruleWording: Record<CareRuleKey, Wording> = {
  delivery_care: {
    title: '新车交付关怀',
    text: '{{customer}}您好，恭喜您喜提{{model}}！感谢您选择{{store}}，用车中有任何疑问欢迎随时致电{{hotline}}，祝您用车愉快！',
    script:
      '恭喜您今天提取爱车，感谢您对我们工作的支持。想问一下您开回去的路上感觉怎么样？车辆的配置和操作还有不清楚的地方吗？我们会在3天后和7天后再对您进行回访，您看什么时间段比较方便？',
  },
  follow_up_3d: {
    title: '新车3日回访',
    text: '{{customer}}您好，您的{{model}}已提车三天，用车还顺利吗？如有任何疑问，欢迎致电{{hotline}}，我们随时为您服务。',
    script:
      '您三天前在我店购买了一辆{{model}}，想了解一下这几天的用车情况，大约占用您3分钟，您现在方便接听电话吗？车辆使用中有没有不清楚的功能或遇到什么问题？如有问题，我会马上联系售后部门为您跟进处理。',
  },
  follow_up_7d: {
    title: '新车7日回访',
    text: '{{customer}}您好，您的{{model}}已陪伴您一周，用车还顺心吗？对我们的服务有任何意见或建议，欢迎致电{{hotline}}告诉我们。',
    script:
      '想了解您在购车时对我们的服务是否满意，大约需要占用您3分钟时间，您看您现在方便接听电话吗？您的{{model}}用了一周，使用情况怎么样？有没有需要我们帮忙的地方？',
  },
  follow_up_1m: {
    title: '新车1个月回访（询问里程）',
    text: '{{customer}}您好，您的{{model}}已使用一个月，方便时请告知当前行驶里程，我们将为您估算首次保养时间，并提前一周提醒您。咨询电话{{hotline}}。',
    script:
      '您的车辆已经使用一个月了，使用情况怎么样？大约行驶了多少公里？（请记录客户告知的里程）根据您的使用情况，我会为您估算首次保养的时间，首次保养对车辆日后的正常使用非常关键。为了避免您错过首保时间，我会提前一周通知您。售后部门的联系方式在您的车辆上有标识，您可以随时拨打我们的电话。祝您生活、用车愉快！',
  },
  first_maintenance: {
    title: '首次保养邀请',
    text: '{{customer}}您好，您的{{model}}（{{plate}}）首次保养{{serviceDue}}，首保对爱车日后的正常使用非常关键。请尽早预约，到店免排队，预约电话{{hotline}}。',
    script:
      '我想就您的车辆首次保养进行邀请，您现在接听电话方便吗？您的{{model}}首次保养{{serviceDue}}，首保对爱车日后的正常使用和质保都很关键，请问您哪天方便到店？我先帮您预约好，到店免排队。',
  },
  booking_reminder: {
    title: '预约到店提醒',
    text: '{{customer}}您好，提醒您明天到{{store}}的维修保养预约，请准时到店；如需改期请致电{{hotline}}。',
    script: '提醒您明天到店的预约，请问时间还方便吗？如需改期我现在就帮您调整。',
  },
  next_service: {
    title: '保养到期提醒',
    text: '{{customer}}您好，您的{{model}}（{{plate}}）下次保养{{serviceDue}}，按时保养更安心，欢迎预约到店免排队。预约电话{{hotline}}。',
    script:
      '您的{{model}}下次保养{{serviceDue}}，想问问是不是时间不方便，或者对我们的服务有什么意见？请问您哪天方便到店？我先帮您预约好。',
  },
  post_repair: {
    title: '维修回访',
    text: '{{customer}}您好，感谢您{{date}}光临{{store}}。车辆使用中如有任何问题，请随时致电{{hotline}}，我们会第一时间为您处理。',
    script:
      '您在{{date}}把{{model}}（{{plate}}）送到我们店做了维修保养，想了解一下车辆现在的使用情况，问题是否已经彻底解决？大约占用您3分钟，您现在方便吗？您的意见我们会转给服务经理和服务顾问，两天内给您答复。',
  },
  insurance_30d: {
    title: '车险到期提醒',
    text: '{{customer}}您好，您的爱车{{plate}}商业保险将于{{date}}到期，为保障您的出行，请及时续保。续保咨询请致电{{hotline}}。',
    script: '您的爱车{{plate}}商业保险将于{{date}}到期，想跟您确认一下续保的安排，我们可以为您报价对比。',
  },
  insurance_7d: {
    title: '车险即将到期',
    text: '{{customer}}您好，您的爱车{{plate}}商业保险将于{{date}}到期，距到期仅剩一周，请尽快办理续保，以免脱保影响出行。续保咨询{{hotline}}。',
    script: '您的爱车{{plate}}商业保险{{date}}就到期了，还剩一周，请问续保办好了吗？需要我们帮您办理吗？',
  },
  inspection_due: {
    title: '年检到期提醒',
    text: '{{customer}}您好，您的爱车{{plate}}年检将于{{date}}到期，请提前安排检测。我店可代办年检预检，欢迎致电{{hotline}}预约。',
    script: '您的爱车{{plate}}年检将于{{date}}到期，我们可以为您代办年检预检，请问您哪天方便？',
  },
  warranty_expiry: {
    title: '质保到期提醒',
    text: '{{customer}}您好，您的{{model}}（{{plate}}）整车质保将于{{date}}到期。建议到期前到店做一次全面检测，质保范围内的问题可免费处理。预约电话{{hotline}}。',
    script: '您的{{model}}整车质保将于{{date}}到期，建议到期前到店做一次全面检测，请问您哪天方便？',
  },
  birthday: {
    title: '生日祝福',
    text: '{{customer}}您好，今天是您的生日，{{store}}全体员工祝您生日快乐，身体健康，万事如意！',
    script: '今天是您的生日，{{store}}全体员工祝您生日快乐！',
  },
  win_back: {
    title: '好久不见，邀您回店检测',
    text: `{{customer}}您好，您的{{model}}（{{plate}}）已有一段时间没有回店保养了，为了您的行车安全，诚邀您回店免费检测。预约电话{{hotline}}。${optOut}`,
    script:
      '您的{{model}}有一段时间没回店保养了，想问一下是不是对我们之前的服务有不满意的地方？我们一定改进。现在回店可以为您免费检测，您看哪天方便？',
  },
  trade_in: {
    title: '置换评估邀请',
    text: `{{customer}}您好，您的{{model}}已陪伴您多年，{{store}}可为您免费评估爱车残值，置换新车另享礼遇。详询{{hotline}}。${optOut}`,
    script:
      '您的{{model}}已经陪伴您好几年了，我们店有二手车置换项目，可以请二手车评估师免费给您的车做一次评估，看看目前的残值。您看最近哪天方便？',
  },
  churn_prevention: {
    title: '用车满一年关怀回访',
    text: '{{customer}}您好，感谢您一直以来对{{store}}的信任。您的{{model}}已用车一年多，如对我们的服务有任何意见，欢迎致电{{hotline}}，我们一定改进。',
    script:
      '您的{{model}}已经用车一年多了，想了解一下最近的用车情况，以及您对我们的服务有没有不满意的地方，我们一定改进。下次保养到期前我会提前提醒您。',
  },
  declined_service: {
    title: '未做项目再提醒',
    text: '{{customer}}您好，您上次到店时我们建议的{{items}}尚未处理，为了您的行车安全，建议近期安排。预约电话{{hotline}}。',
    script:
      '您在{{date}}到店时，我们建议的{{items}}当时您暂未处理，想问问车辆现在的情况怎么样？为了行车安全，建议您近期安排处理，您看哪天方便？我帮您预约。',
  },
};

/** Shared snippets included with {{>name}}; a tenant may edit them per channel like any template. */
const snippets: Record<string, { subject: null; body: string }> = {
  sms_sign: { subject: null, body: '【{{tenant}}】' },
  signature: { subject: null, body: '{{store}}  服务热线：{{hotline}}' },
  call_intro: { subject: null, body: '{{customer}}您好，我是{{store}}的{{advisor}}。' },
};

/** Version 0 of a template: the wording above in the channel's shape. */
export const defaultTemplate = (
  key: CareTemplateKey,
  channel: TouchChannel,
): { subject: string | null; body: string } => {
  const snippet = snippets[key];
  if (snippet) return snippet;
  const w = ruleWording[key as CareRuleKey];
  if (channel === 'sms') return { subject: null, body: `{{>sms_sign}}${w.text}` };
  if (channel === 'inbox') return { subject: w.title, body: w.text };
  if (channel === 'email') return { subject: `${w.title}｜{{store}}`, body: `${w.text}\n\n{{>signature}}` };
  return { subject: w.title, body: `{{>call_intro}}${w.script}` };
};
