import type {
  ComplaintAgeBucket,
  ComplaintCategory,
  ComplaintCause,
  ComplaintDeadlineKind,
  ComplaintDepartment,
  ComplaintSeverity,
} from '@m4s/contracts';

/** The complaint reports' spreadsheet in the reader's language (zh-CN first). */
export type ReportWords = {
  file: string;
  fallback: string;
  sheets: {
    open: string;
    compliance: string;
    causes: string;
    stores: string;
    handlers: string;
    month: string;
    firstContact: string;
  };
  age: Record<ComplaintAgeBucket, string>;
  deadline: Record<ComplaintDeadlineKind, string>;
  category: Record<ComplaintCategory, string>;
  cause: Record<ComplaintCause, string> & { none: string };
  severity: Record<ComplaintSeverity, string>;
  department: Record<ComplaintDepartment, string>;
  columns: {
    open: string[];
    compliance: string[];
    causes: string[];
    unit: string[];
    month: string[];
    firstContact: string[];
  };
  month: Record<
    | 'complaints'
    | 'suggestions'
    | 'closed'
    | 'openAtEnd'
    | 'firstContactMet'
    | 'firstContactLate'
    | 'firstContactRate'
    | 'firstContactMinutes'
    | 'answerMet'
    | 'answerLate'
    | 'answerRate'
    | 'satisfied'
    | 'notSatisfied'
    | 'escalated'
    | 'oemReports'
    | 'suggestionsAdopted'
    | 'improvementsCreated'
    | 'improvementsDone',
    string
  >;
  noStore: string;
  nobody: string;
};

export const reportWords: Record<'zh-CN' | 'en', ReportWords> = {
  'zh-CN': {
    file: '投诉报表',
    fallback: 'complaint-reports',
    sheets: {
      open: '未结案件',
      compliance: '时限达成',
      causes: '类别与原因',
      stores: '门店',
      handlers: '处理人',
      month: '月度汇总',
      firstContact: '首问负责',
    },
    age: { under1: '不足1天', days1to3: '1–3天', days3to7: '3–7天', over7: '7天以上' },
    deadline: {
      first_contact: '首次联系',
      answer: '答复',
      follow_up: '回访',
      oem_report: '厂家报告',
      evaluation: '建议评估',
    },
    category: {
      service_reception: '服务接待',
      professional_ethics: '职业道德',
      service_environment: '服务环境',
      repair_quality: '维修质量',
      repair_time: '维修时间',
      parts_supply: '备件保供',
      repair_charges: '维修收费',
      product_quality: '产品质量',
    },
    cause: {
      product_quality: '商品质量问题',
      repair_quality: '售后维修质量',
      staff_error: '服务人员工作失误',
      staff_attitude: '服务态度和质量',
      business_practice: '不认同经营方式',
      beyond_standard: '要求超出企业标准',
      different_measure: '服务衡量标准不同',
      personal_demand: '个人原因的过高要求',
      none: '未分析',
    },
    severity: {
      normal: '一般',
      beyond_authority: '超出权限',
      oem_transfer: '厂家转办',
      difficult: '困难案件',
      major: '重大',
    },
    department: {
      customer_service: '客服部',
      service: '服务部',
      sales: '销售部',
      management: '管理层',
      other: '其他',
      app: '车主App（未受理）',
    },
    columns: {
      open: ['案龄', '进行中', '临近时限', '已超时', '合计'],
      compliance: ['时限', '按时', '超时', '进行中', '按时率%'],
      causes: ['类别', '原因', '次数', '加权分'],
      unit: ['名称', '案件', '未结', '超时', '加权分', '首次联系按时率%'],
      month: ['指标', '数值'],
      firstContact: ['部门', '人员', '案件', '按时', '超时', '待联系', '按时率%', '平均联系用时（分钟）'],
    },
    month: {
      complaints: '新增投诉',
      suggestions: '新增建议',
      closed: '本月结案',
      openAtEnd: '月末未结',
      firstContactMet: '首次联系按时',
      firstContactLate: '首次联系超时',
      firstContactRate: '首次联系按时率%',
      firstContactMinutes: '平均首次联系用时（分钟）',
      answerMet: '答复按时',
      answerLate: '答复超时',
      answerRate: '答复按时率%',
      satisfied: '回访满意',
      notSatisfied: '回访不满意',
      escalated: '升级次数',
      oemReports: '厂家报告',
      suggestionsAdopted: '采纳建议',
      improvementsCreated: '新增改进措施',
      improvementsDone: '完成改进措施',
    },
    noStore: '集团',
    nobody: '—',
  },
  en: {
    file: 'complaint-reports',
    fallback: 'complaint-reports',
    sheets: {
      open: 'Open cases',
      compliance: 'Deadlines',
      causes: 'Categories and causes',
      stores: 'Stores',
      handlers: 'Handlers',
      month: 'Monthly summary',
      firstContact: 'First contact',
    },
    age: { under1: 'Under 1 day', days1to3: '1–3 days', days3to7: '3–7 days', over7: 'Over 7 days' },
    deadline: {
      first_contact: 'First contact',
      answer: 'Answer',
      follow_up: 'Follow-up',
      oem_report: 'OEM report',
      evaluation: 'Evaluation',
    },
    category: {
      service_reception: 'Reception',
      professional_ethics: 'Professional conduct',
      service_environment: 'Environment',
      repair_quality: 'Repair quality',
      repair_time: 'Repair time',
      parts_supply: 'Parts supply',
      repair_charges: 'Charges',
      product_quality: 'Product quality',
    },
    cause: {
      product_quality: 'Product quality',
      repair_quality: 'Repair quality',
      staff_error: 'Staff error',
      staff_attitude: 'Staff attitude',
      business_practice: 'Business practice',
      beyond_standard: 'Beyond the standard',
      different_measure: 'Different measure',
      personal_demand: 'Personal demand',
      none: 'Not analysed',
    },
    severity: {
      normal: 'Ordinary',
      beyond_authority: 'Beyond authority',
      oem_transfer: 'From the OEM',
      difficult: 'Difficult',
      major: 'Major',
    },
    department: {
      customer_service: 'Customer service',
      service: 'Service',
      sales: 'Sales',
      management: 'Management',
      other: 'Other',
      app: 'Owner app (not taken)',
    },
    columns: {
      open: ['Age', 'Running', 'Warning', 'Overdue', 'Total'],
      compliance: ['Deadline', 'Met', 'Late', 'Running', 'On-time %'],
      causes: ['Category', 'Cause', 'Count', 'Score'],
      unit: ['Name', 'Cases', 'Open', 'Overdue', 'Score', 'First contact on time %'],
      month: ['Figure', 'Value'],
      firstContact: ['Department', 'Person', 'Cases', 'On time', 'Late', 'Pending', 'On-time %', 'Average minutes'],
    },
    month: {
      complaints: 'Complaints received',
      suggestions: 'Suggestions received',
      closed: 'Closed',
      openAtEnd: 'Open at month end',
      firstContactMet: 'First contact on time',
      firstContactLate: 'First contact late',
      firstContactRate: 'First contact on time %',
      firstContactMinutes: 'Average minutes to first contact',
      answerMet: 'Answered on time',
      answerLate: 'Answered late',
      answerRate: 'Answer on time %',
      satisfied: 'Satisfied at follow-up',
      notSatisfied: 'Not satisfied at follow-up',
      escalated: 'Escalations',
      oemReports: 'OEM reports',
      suggestionsAdopted: 'Suggestions adopted',
      improvementsCreated: 'Improvement items created',
      improvementsDone: 'Improvement items done',
    },
    noStore: 'Group',
    nobody: '—',
  },
};
