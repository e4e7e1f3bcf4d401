import type { SurveyDefinitionInput } from '@m4s/contracts';
import { goto, opts, question as q, satisfaction } from './build.ts';

/**
 * The follow-up templates of seed 001 ch3-4 (§2.2, §2.3, §2.6, §4; the 参考话术 are the book's, L2060–2290,
 * L2396–2528). Where the book's own sample questions are missing (4.2.2's sales questionnaire), the questions
 * follow the SSI/CSI factors of ch5-7 §1.3–1.4; docs/surveys.md says which.
 */

/**
 * ⑤⑥ of the body example (L2452–2458): 您对××汽车的售后服务满意吗？ 满意 (转 `happy`) / 不满意 (转 `unhappy`,
 * 主要是哪些地方不满意呢？ with the book's reasons and any `more`).
 */
const afterSales = (
  keys: { ask: string; unhappy: string; happy: string; factor: string },
  more: [string, string][] = [],
) => [
  q(keys.ask, '您对××汽车的售后服务满意吗？', 'single', {
    critical: true,
    factor: keys.factor,
    options: opts(['satisfied', '满意', 100], ['dissatisfied', '不满意', 0]),
    rules: [goto(['satisfied'], keys.happy), goto(['dissatisfied'], keys.unhappy)],
  }),
  q(keys.unhappy, '主要是哪些地方不满意呢？', 'multiple', {
    options: [
      ...opts(
        ['attitude', '服务态度'],
        ['repair_quality', '维修质量'],
        ['repair_price', '维修价格'],
        ['parts', '备件保供'],
        ...more,
      ),
      { key: 'other', label: '其他', other: true },
    ],
  }),
];

export const closing = {
  key: 'closing',
  kind: 'closing' as const,
  title: '文尾',
  script: '好的，欢迎随时拨打我们的免费服务热线400……再见！',
  questions: [q('C1', '非常感谢您接受我们的访问，另外，您需要我们在搞活动（有新产品）的时候通知您吗？', 'consent')],
};

/**
 * The sub-body (子体): a customer who cannot take the body now (declined at `consent`) leaves their question
 * and is called back; on the body's path it is skipped.
 */
export const subBody = (key: string, consent: string) => ({
  key: 'sub_body',
  kind: 'sub_body' as const,
  title: '子体',
  script: `对于您提出的问题，我们已经了解，我们将即时反映到相关部门，请您保持电话畅通，我们的服务人员将在××小时之内与您联系。谢谢您的支持，再见！`,
  questions: [
    q(key, '请问您的问题是……？', 'text', {
      required: false,
      readAloud: false,
      askIf: [{ question: consent, op: 'in' as const, values: ['decline'] }],
    }),
  ],
});

/** 销售回访 (ch3-4 §2.2 and the body example of §4, L2430–2470). */
export const salesFollowupTemplate: SurveyDefinitionInput = {
  sections: [
    {
      key: 'header',
      kind: 'header',
      title: '文首',
      script:
        '“您好！××先生/女士，我是××汽车××销售店客户服务中心的客服专员×××。”\n“×天前您在我公司购买了一辆××车，我想对您进行一个简单的电话回访，可能需要占用您几分钟时间。”',
      questions: [q('H1', '现在方便占用您几分钟时间吗？', 'consent', { rules: [goto(['decline'], 'SB1')] })],
    },
    {
      key: 'body',
      kind: 'body',
      title: '主体',
      script: '“非常感谢你选择了××汽车！”',
      questions: [
        q('B1', '您的车主要用途是什么？', 'single', {
          required: false,
          options: opts(['passenger', '载人'], ['commercial', '营运'], ['mixed', '客货两用'], ['business', '商用']),
        }),
        q('B2', '您选择××车的主要原因是什么？', 'choice_other', {
          options: [
            ...opts(
              ['quality', '质量'],
              ['brand', '品牌'],
              ['price', '价格'],
              ['space', '空间'],
              ['looks', '外观'],
              ['service', '服务'],
            ),
            { key: 'other', label: '其他', other: true },
          ],
        }),
        q('B3', '您对××汽车满意吗？', 'single', {
          critical: true,
          factor: 'product',
          options: opts(['satisfied', '满意', 100], ['dissatisfied', '不满意', 0]),
          rules: [goto(['satisfied'], 'B5'), goto(['dissatisfied'], 'B4')],
        }),
        q('B4', '您对××汽车质量哪些地方不满意呢？', 'multiple', {
          options: [
            ...opts(['engine', '发动机'], ['chassis', '底盘'], ['body', '车身'], ['electrics', '电器']),
            { key: 'other', label: '其他', other: true },
          ],
        }),
        ...afterSales({ ask: 'B5', unhappy: 'B6', happy: 'B7', factor: 'service' }),
        q('B7', '（如果）出了保修期，您还会到服务站进行维修吗？', 'single', {
          options: opts(['yes', '会'], ['no', '不会']),
        }),
        q('B8', '您如果再次购车或向亲友推荐时，是否愿意再次选择或推荐××汽车？', 'single', {
          options: opts(['willing', '愿意'], ['unwilling', '不愿意']),
        }),
        q('B9', '如果再买车的话，您最关注哪方面？', 'single', {
          options: opts(
            ['price', '价格'],
            ['service', '服务'],
            ['brand', '品牌'],
            ['quality', '质量'],
            ['looks', '外观'],
          ),
        }),
        q('B10', '现在我们已经推出了××，您知道吗？', 'awareness'),
        q('B11', '请问您对我们的销售工作和产品还有什么建议和意见吗？', 'text', { required: false, readAloud: false }),
      ],
    },
    subBody('SB1', 'H1'),
    closing,
  ],
};

/**
 * 维修回访 (ch3-4 §2.3, 参考话术 L2116–2147), also the owner app's post-delivery survey: its first question is
 * the 0–10 score the app asked for before (seed 002: under 8, the advisor calls within the hour); then the
 * after-sales items of §4 (⑤⑥) and 4.2.2's (22)(23).
 */
export const repairFollowupTemplate: SurveyDefinitionInput = {
  sections: [
    {
      key: 'header',
      kind: 'header',
      title: '文首',
      script:
        '“早上好”或“您好”或“晚上好”，“先生”或“女士”×××，我是×××汽车4S店的×××。是您于×月×日送修了×××车到我们汽车4S店维修部吗？正如我们的服务顾问×××在接车环检时给您解释的一样，今天的电话是想向您做一个电话回访。',
      questions: [],
    },
    {
      key: 'body',
      kind: 'body',
      title: '主体',
      script: '',
      questions: [
        q('R1', '您对本次维修保养服务的总体评价是几分？（0–10分，10分为非常满意）', 'scale_0_10', {
          critical: true,
          factor: 'overall',
        }),
        q('R2', '车辆的故障是否已经彻底排除？', 'single', {
          factor: 'quality',
          options: opts(['fixed', '已彻底排除', 100], ['not_fixed', '没有排除', 0], ['no_fault', '本次为保养，无故障']),
        }),
        ...afterSales({ ask: 'R3', unhappy: 'R4', happy: 'R5', factor: 'advisor' }, [['repair_time', '维修时间']]),
        q('R5', '是否会向他人推荐我公司？', 'yes_no_reason', { reasonOn: 'no' }),
        q('R6', '对于我们公司的其他建议', 'text', { required: false, readAloud: false }),
      ],
    },
    {
      key: 'closing',
      kind: 'closing',
      title: '文尾',
      script:
        '“非常谢谢您，占用了您宝贵的时间。我会将您这些宝贵的意见反映给我们的服务经理×××，或者服务顾问×××，他在两天之内会联系您，与您讨论问题的细节和具体解决方案。”',
      questions: [],
    },
  ],
};

/** 交车后七日回访 (ch3-4 §2.6): the sales process, as sales-consultant assessment items (SSI factors, ch5-7 §1.3). */
export const delivery7dayTemplate: SurveyDefinitionInput = {
  sections: [
    {
      key: 'header',
      kind: 'header',
      title: '文首',
      script:
        '“××先生（小姐）您好，我是××经销店的客服专员××，想了解您在购车时对我们的服务是否满意，大约需要占用您××时间，您看您现在方便接听电话吗？”',
      questions: [q('H1', '现在方便接听电话吗？', 'consent', { rules: [goto(['decline'], 'SB1')] })],
    },
    {
      key: 'body',
      kind: 'body',
      title: '主体',
      script: '“首先再次感谢您购买我们的车辆！”',
      questions: [
        q('D1', '您对销售顾问的接待（主动、热情）满意吗？', 'scale_1_5', { factor: 'sales_initiation' }),
        q('D2', '您对展厅环境和设施满意吗？', 'scale_1_5', { factor: 'dealer_facility' }),
        q('D3', '您对成交价格和交易条件满意吗？', 'scale_1_5', { factor: 'deal_terms' }),
        q('D4', '购车手续和文件是否解释清楚、办理迅速？', 'scale_1_5', { factor: 'paperwork' }),
        q('D5', '您对销售顾问的专业知识和诚信满意吗？', 'scale_1_5', { factor: 'salesperson', critical: true }),
        q('D6', '是否在承诺的时间内交车？', 'single', {
          factor: 'delivery_timing',
          options: opts(['yes', '是', 100], ['no', '否', 0]),
        }),
        q('D7', '交车时销售顾问是否讲解了车辆操作、保修条款和售后服务？', 'scale_1_5', { factor: 'delivery_process' }),
        q('D8', '您有多大可能向亲友推荐我们？（0–10分）', 'scale_0_10', { factor: 'nps' }),
        q('D9', '交车时有没有让您不愉快的经历？', 'yes_no_reason', { reasonOn: 'yes', required: false }),
        q('D10', '我们每月举办爱车养护讲堂，您愿意参加吗？', 'consent', { required: false }),
      ],
    },
    subBody('SB1', 'H1'),
    closing,
  ],
};

/** 客户管理活动满意度问卷 (4.2.2 ③, L2545–2547): the book's intro and its item (6). */
export const activityTemplate: SurveyDefinitionInput = {
  sections: [
    {
      key: 'header',
      kind: 'header',
      title: '文首',
      script: '非常感谢您参加本公司活动，下面请您支持一下，填写下面的问卷：',
      questions: [],
    },
    {
      key: 'body',
      kind: 'body',
      title: '主体',
      script: '',
      questions: [
        q('A1', '您对本次活动的总体满意程度如何？', 'single', { factor: 'overall', options: satisfaction() }),
        q('A2', '您是从哪里得知本次活动的？', 'choice_other', {
          options: [
            ...opts(['sms', '短信'], ['app', '车主App'], ['phone', '电话邀约'], ['friend', '亲友介绍']),
            { key: 'other', label: '其他', other: true },
          ],
        }),
        q('A3', '您以后还愿意参加我们的活动吗？', 'consent'),
        q('A6', '您对本次活动的意见：', 'text', { required: false, readAloud: false }),
      ],
    },
    { key: 'closing', kind: 'closing', title: '文尾', script: '再次感谢您的参与！', questions: [] },
  ],
};
