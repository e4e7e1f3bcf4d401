import type { SurveyDefinitionInput } from '@m4s/contracts';
import { askIf, opts, question as q, satisfaction, terminate, yesNo } from './build.ts';

/**
 * 附录C 某经销商售后服务调研问卷（节选） — seed 001 L4625–4826 (domain: seed-001-ch5-7.md §1.7). The stems
 * and the routing are the textbook's; its answer grids are images, so the options are written from what
 * the prose names (更换轮胎, 召回, 很难说, 不确定（说不准）/可能不会/一定不会) and the usual scales
 * (docs/surveys.md lists what is derived). Routing reproduced exactly: S2 mismatch → 致谢，终止; Q3b only
 * after 不确定/可能不会/一定不会; Q7 only when Q5 is not 更换轮胎 and Q6 is not 很难说; Q9c–d not for 召回.
 */
const readAll = '访问员注意：请读出下列各项';
const notRead =
  '访问员注意：请不要读出下列各项。首先，根据受访者的回答来筛选出相关答案。然后，请向受访者读出所选问题，并向其确认。此题只可能选一个答案。';
const intention = () =>
  opts(
    ['definitely', '一定会'],
    ['probably', '可能会'],
    ['unsure', '不确定（说不准）'],
    ['probably_not', '可能不会'],
    ['definitely_not', '一定不会'],
  );
const station = '（代入所确认的服务站名称）';

export const postServiceTemplate: SurveyDefinitionInput = {
  sections: [
    {
      key: 'screening',
      kind: 'header',
      title: '甄别部分问卷',
      script:
        '“您好！您是××先生/女士吗？”\n我是××公司的访问员，我们受××××销售有限责任公司的委托，正在进行一项××××车主对服务站售后服务的满意度调查，以便收集您的意见和建议，使服务站更好地为您服务。您的参与对这次调查有很大的帮助。\n当然，您的参与是自愿的也是匿名的，我们将遵循行业规范，不会向任何项目无关人员透露您的个人信息，请您放心回答。\n您现在方便讲话吗或者我稍后再打电话过来？\n访问员注意：（1）不要主动告知访谈时间，只有当被受访者问到的时候才告知访谈要用到的时间长度（约10分钟）。（2）如果此人回答已接受过访问，则说出：“有可能您的服务站在过去几天与您联系过，了解您对他们的满意度，而今天我们想向您了解一些更为详细的问题，以便了解您在××方面的想法。我们代表××××销售有限责任公司感谢您的合作！”',
      questions: [
        q('S1', '请问您最近是否亲自送一辆××××的轿车去服务站做过维修保养并且亲自将车取回的吗？', 'single', {
          options: yesNo(),
          rules: [terminate(['no'])],
        }),
        q('S2', '请问您最近维修保养的这辆××××轿车是什么车型？', 'single', {
          readAloud: false,
          note: '出现受访者回答车型和地址表不一致的情况，则致谢，终止',
          options: opts(['match', '与地址表一致'], ['mismatch', '与地址表不一致']),
          rules: [terminate(['mismatch'])],
        }),
        q('S3', '这辆车属于个人还是单位呢？', 'single', {
          options: opts(['private', '个人'], ['organisation', '单位']),
        }),
        q('S4', '请问您单位的性质是：', 'choice_other', {
          askIf: [askIf('S3', 'in', ['organisation'])],
          options: [
            ...opts(
              ['government', '党政机关'],
              ['institution', '事业单位'],
              ['state_owned', '国有企业'],
              ['private_company', '民营企业'],
              ['foreign', '外资企业'],
            ),
            { key: 'other', label: '其他', other: true },
          ],
        }),
        q('S5', '请问您是否在下列单位工作呢？', 'single', {
          note: '（市场调查公司、广告公司、媒体、汽车生产或销售企业）如是，则致谢，终止',
          options: yesNo(),
          rules: [terminate(['yes'])],
        }),
        q('S6', '您最近一次去服务站是什么时间？', 'text'),
        q('S7', '您去的是（读出地址表上对应服务站名称）？', 'single', { options: yesNo(), rules: [terminate(['no'])] }),
        q(
          'S8',
          '您最近这次去服务站是否是因为免费检测吗（如厂商免费的冬季检测；为车主提供的灯光、电器系统以及轮胎免费检查等）？',
          'single',
          {
            options: yesNo(),
          },
        ),
      ],
    },
    {
      key: 'main',
      kind: 'body',
      title: '主体',
      script: '',
      questions: [
        q(
          'Q1',
          '回顾您最近一次去服务站的体验，您对（地址表的服务站名称）这家服务站所提供服务的总体满意度如何？（0–10分）',
          'scale_0_10',
          {
            note: readAll,
            critical: true,
            factor: 'overall',
          },
        ),
        q('Q2', '您会推荐这家服务站给您的朋友与同事吗？（0–10分）', 'scale_0_10', { note: readAll, factor: 'nps' }),
        q('Q3a', '您的下一次维修或保养还会在这家服务站进行吗？', 'single', { note: readAll, options: intention() }),
        q('Q3b', '您为什么“不确定（说不准）/可能不会/一定不会”再接受这家服务站的服务呢？', 'text', {
          readAloud: false,
          note: '访问员注意：请不要读出下列各项',
          askIf: [askIf('Q3a', 'in', ['unsure', 'probably_not', 'definitely_not'])],
        }),
        q('Q4', '假如您到过其他服务站，那么您认为这家服务站比较其他服务站或修理厂的优势有多大呢？', 'single', {
          note: '访问员注意：请读出下列各项（除了最后2项）',
          options: opts(
            ['large', '优势很大'],
            ['some', '有一些优势'],
            ['same', '差不多'],
            ['worse', '不如其他服务站'],
            ['none_other', '没去过其他服务站'],
            ['dont_know', '不知道'],
          ),
        }),
        q('Q5', '您最近一次去服务站的主要原因是什么？', 'choice_other', {
          note: '访问员注意：请完整地读出选项内容（除了最后一项），只可以选一个答案。',
          options: [
            ...opts(
              ['maintenance', '定期保养'],
              ['repair', '一般维修'],
              ['accident', '事故维修'],
              ['tyre', '更换轮胎'],
              ['recall', '召回'],
            ),
            { key: 'other', label: '其他', other: true },
          ],
        }),
        q(
          'Q6',
          '请回想一下，您最近一次接受服务站服务时：在维修保养工作开始之前，您对于服务站工作人员对即将展开的工作的解释的满意程度如何？',
          'single',
          {
            note: readAll,
            factor: 'advisor',
            options: satisfaction(true),
          },
        ),
        q('Q7', '服务人员是否与您一起在车旁就所需进行的工作进行了交谈？', 'single', {
          note: '根据问题Q5，当接受的服务不是更换轮胎，且被访者对Q6的选择不是“很难说”时，询问此题。访问员注意：此项工作不一定要在送车登记时进行，工作人员可以在数天前通知。',
          askIf: [askIf('Q5', 'not_in', ['tyre']), askIf('Q6', 'not_in', ['hard_to_say'])],
          options: yesNo(),
        }),
        q(
          'Q8',
          '服务人员有没有提醒您关注服务站提供的特殊或附加的服务内容（如提供轮胎、冬季检查服务中轮胎更换等）？',
          'single',
          {
            note: '（括号中内容可以根据各自品牌的实际情况进行更改）',
            options: yesNo(),
          },
        ),
        q('Q9a1', '关于您的这次服务站之行，您在下列方面的满意程度如何？——维修保养工作完成得是否彻底', 'single', {
          note: `下面让我们转入您这次去服务站进行维修/保养过程的执行情况。${readAll}`,
          factor: 'quality',
          options: satisfaction(),
        }),
        q('Q9a2', '关于您的这次服务站之行，您在下列方面的满意程度如何？——完成工作所用的总时间', 'single', {
          factor: 'quality',
          options: satisfaction(),
        }),
        q('Q9a3', '关于您的这次服务站之行，您在下列方面的满意程度如何？——交车时车辆干净、完好', 'single', {
          factor: 'quality',
          options: satisfaction(),
        }),
        q('Q9b', '服务站是否在承诺的时间内交车？', 'single', { factor: 'pickup', options: yesNo() }),
        q('Q9c', '在开始维修/保养前，是否告知您预计的维修保养费用？', 'single', {
          note: '如果Q5选择“召回”，则不需询问Q9c、Q9d两题',
          askIf: [askIf('Q5', 'not_in', ['recall'])],
          options: yesNo(),
        }),
        q('Q9d', '应付金额与预先告知的费用信息大致相符吗？', 'single', {
          askIf: [askIf('Q5', 'not_in', ['recall'])],
          factor: 'pickup',
          options: yesNo(),
        }),
        q('Q9e', '在您这次去服务站期间，是否有任务委托书（也就是工单）以外的维修保养项目发生？', 'single', {
          options: yesNo(),
        }),
        q('Q9f', '这个额外工作包括费用在开始维修前是否取得了您的同意？', 'single', {
          askIf: [askIf('Q9e', 'in', ['yes'])],
          options: yesNo(),
        }),
        q('Q9g1', '您最近一次去服务站，是不是因为这次故障与前一次维修保养过程中所维修的故障相同？', 'single', {
          options: yesNo(),
        }),
        q('Q9g2', `那您最近这次去服务站的前一次是否去的也是这家服务站${station}？`, 'single', {
          askIf: [askIf('Q9g1', 'in', ['yes'])],
          options: yesNo(),
        }),
        q(
          'Q9g3',
          `当时那次是不是由于您委托这家服务站${station}的维修保养工作没有被全部完成或是由于这家服务站没有正确执行您委托的维修保养工作呢？`,
          'single',
          {
            askIf: [askIf('Q9g2', 'in', ['yes'])],
            options: yesNo(),
          },
        ),
        q('Q9g4', '在您看来，您当时必须再次回到这家服务站维修的原因是什么？', 'text', {
          readAloud: false,
          note: notRead,
          askIf: [askIf('Q9g3', 'in', ['yes'])],
        }),
        q('Q9g5', '服务站没有完成全部维修保养工作或没有正确执行维修工作的主要原因是什么？', 'text', {
          readAloud: false,
          note: notRead,
          askIf: [askIf('Q9g3', 'in', ['yes'])],
        }),
        q('Q9h1', `您这次去这家服务站${station}之后，是否需要因为同样的故障还要再次去该服务站？`, 'single', {
          options: yesNo(),
        }),
        q(
          'Q9h2',
          `最近这次是不是由于您委托的这家服务站${station}的维修保养工作没有被全部完成或是由于这家服务站没有正确执行您委托的维修保养工作呢？`,
          'single',
          {
            askIf: [askIf('Q9h1', 'in', ['yes'])],
            options: yesNo(),
          },
        ),
        q('Q9h3', '您认为，您不得不再次回到这家服务站的原因是什么？', 'text', {
          readAloud: false,
          note: notRead,
          askIf: [askIf('Q9h2', 'in', ['yes'])],
        }),
        q('Q9h4', '您将再次回到这家服务站的主要原因是什么？', 'text', {
          readAloud: false,
          note: notRead,
          askIf: [askIf('Q9h1', 'in', ['yes'])],
        }),
        q('Q10', '您在下列方面对服务站的满意程度如何？（客户支持性服务：休息区、饮品、娱乐等）', 'single', {
          note: `下面让我们转入您这次去服务站期间的客户支持性服务方面的评价。${readAll}`,
          factor: 'facility',
          options: satisfaction(),
        }),
        q('Q11', '服务站是否就结算清单主动为您进行了详尽解释？', 'single', {
          note: '访问员注意：此项服务可能没必要在取车时提供，可以在之前或之后提供。此题主要指在客户没有提及或要求的情况下，服务站是否会主动提供解释服务。',
          factor: 'pickup',
          options: yesNo(),
        }),
        q('Q12a', '服务站的整体形象和××××的整体形象一致吗？', 'single', {
          note: '现在我想问您一个关于整体形象的问题：',
          options: opts(['consistent', '一致'], ['inconsistent', '不一致'], ['hard_to_say', '很难说']),
        }),
        q('Q12b', '在您这次去服务站期间，服务人员是否主动引导您对××××原装附件（如贴膜、脚垫等）的关注？', 'single', {
          options: yesNo(),
        }),
        q('Q12c', '服务站是否在您最近一次去服务站后与您联系并询问您对维修保养工作的满意程度？', 'single', {
          options: yesNo(),
        }),
        q('Q13', '您对您的××××车的总体满意度如何？', 'single', {
          note: `下面我想问您一些关于您车辆的问题。${readAll}`,
          options: satisfaction(),
        }),
        q('Q14', '在您购买下一辆车时，是否会再次选择“××××品牌”？', 'single', {
          note: `${readAll}。访问员注意：“下辆车”可以是一辆新车、二手车或样车`,
          options: intention(),
        }),
        q(
          'Q15',
          '假如您将再买一辆新的××××车：基于您对这家服务站的体验，您会在这家服务站购买您的下一辆车吗？',
          'single',
          {
            required: false,
            note: '如果服务站不是单一服务站的话，请问此题。访问员注意：请读出下列各项（除了最后两项）',
            options: [...intention(), ...opts(['no_new_car', '不打算再买车'], ['dont_know', '不知道'])],
          },
        ),
        q('Q16a', '请问您知道××××售后服务品牌是×××吗？', 'awareness'),
        q('Q16b', '您对××××售后服务品牌×××的满意程度如何？', 'single', {
          askIf: [askIf('Q16a', 'in', ['know'])],
          options: satisfaction(),
        }),
        q('Q17', '性别', 'single', {
          readAloud: false,
          note: '下面我要问几个您个人的基本问题。访问员注意：直接记录性别，如果不能清楚判断，请询问',
          options: opts(['male', '男'], ['female', '女']),
        }),
        q('Q18', '请问您的年龄？', 'single', {
          note: '直接询问受访者具体年龄，如有不愿回答具体年龄的，则读出年龄段让受访者选择',
          options: opts(
            ['18_25', '18–25岁'],
            ['26_35', '26–35岁'],
            ['36_45', '36–45岁'],
            ['46_55', '46–55岁'],
            ['56_up', '56岁及以上'],
            ['refused', '拒绝回答'],
          ),
        }),
        q('Q19', '您受过的最高教育为：', 'single', {
          options: opts(
            ['middle', '初中及以下'],
            ['high', '高中/中专'],
            ['college', '大专'],
            ['bachelor', '本科'],
            ['postgraduate', '研究生及以上'],
          ),
        }),
        q('Q20', '职业：请选出能最恰当描述您职业的选项。', 'choice_other', {
          options: [
            ...opts(
              ['manager', '企业管理人员'],
              ['professional', '专业技术人员'],
              ['civil_servant', '公务员'],
              ['owner', '私营业主/个体户'],
              ['employee', '一般职员'],
              ['retired', '离退休'],
            ),
            { key: 'other', label: '其他', other: true },
          ],
        }),
        q('Q21', '您对××××服务站的服务工作有什么意见和要求吗？', 'text', { required: false, readAloud: false }),
      ],
    },
    {
      key: 'closing',
      kind: 'closing',
      title: '文尾',
      script: '我的访问结束了，非常感谢您的合作，谢谢！',
      questions: [],
    },
  ],
};
