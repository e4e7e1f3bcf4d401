import { importFields, importFieldsOneOf, type ImportKind, type ImportMapping } from '@m4s/contracts';
import type { FieldIssue } from '@m4s/contracts';

/**
 * Column headers that Chinese DMS exports (and people) use for each field, compared after
 * normalising: case, spaces, a trailing unit or note in brackets ("金额(元)", "手机号码（必填）") and
 * required-field stars do not matter.
 */
const vin = ['车架号', 'vin', 'vin码', '底盘号', '车辆识别代号', '车辆识别码', '车辆识别号'];
const customerRef = ['客户编号', '客户代码', '客户id', '客户号', '档案号', '客户档案号', '车主编号', '车主代码'];
const vehicleRef = ['车辆编号', '车辆代码', '车辆id', '车辆档案号', '车辆号', '车辆档案编号'];
const plate = ['车牌号', '车牌', '车牌号码', '牌照号', 'plate'];
const brand = ['品牌', '车辆品牌', '厂牌', 'brand'];
const series = ['车系', '车型系列', 'series'];
const model = ['车型', '车型名称', '配置', '款型', 'model'];
const lineFields = {
  lineKind: ['项目类型', '明细类型', '类别', '收费类别'],
  lineName: ['项目名称', '维修项目', '配件名称', '明细名称', '项目/配件名称', '项目或配件'],
  lineWork: ['作业类型', '项目性质', '作业性质', '工作类型'],
  labourHours: ['工时', '工时数', '标准工时'],
  quantity: ['数量', '配件数量'],
  amount: ['金额', '结算金额', '应收金额', '小计', '收费金额'],
  partsCost: ['成本', '配件成本', '成本金额', '进价'],
};
const orderNumber = ['工单号', '委托书号', '维修工单号', '工单编号', '委托书编号', 'ro号', '维修单号'];
const store = ['门店编码', '门店代码', '门店', '所属门店', '经销商代码', '服务站代码', 'storecode'];

/** A car's headers, read alike by the customers kind (one car per owner) and the vehicles kind. */
const car = {
  vin,
  plate,
  brand,
  series,
  model,
  modelYear: ['年款', '车型年款', '年份'],
  colour: ['颜色', '车身颜色', '外观颜色', 'color', 'colour'],
  purchaseDate: ['购车日期', '购买日期', '开票日期', '销售日期', '交车日期'],
  insurer: ['保险公司', '承保公司', '商业险公司'],
  insurancePolicyNo: ['保单号', '保险单号', '商业险保单号'],
  insuranceExpiry: ['保险到期日', '保险到期', '保险到期日期', '商业险到期日', '保险止期'],
  inspectionDue: ['年检到期日', '年审到期日', '年检到期', '年检日期'],
  mileageKm: ['里程', '行驶里程', '当前里程', '公里数', '表显里程', '最近里程'],
  mileageDate: ['里程日期', '最近进厂日期', '最后到店日期', '里程记录日期'],
};

const synonyms: Record<ImportKind, Record<string, readonly string[]>> = {
  customers: {
    customerName: ['客户姓名', '客户名称', '车主姓名', '车主', '姓名', '客户', '联系人姓名', 'name', 'customername'],
    phone: [
      '手机',
      '手机号',
      '手机号码',
      '联系电话',
      '联系手机',
      '电话',
      '移动电话',
      '车主电话',
      '车主手机',
      '车主手机号',
      '客户电话',
      'mobile',
      'phone',
    ],
    secondPhone: ['备用电话', '其他电话', '备用手机', '第二联系电话', '电话2', '手机2', '联系电话2'],
    gender: ['性别', 'gender', 'sex'],
    birthday: ['生日', '出生日期', '客户生日', 'birthday'],
    idNumber: ['证件号码', '证件号', '身份证号', '身份证号码', '身份证'],
    address: ['地址', '联系地址', '家庭地址', '住址', '客户地址', 'address'],
    occupation: ['职业', 'occupation'],
    source: ['客户来源', '来源', '来源渠道', '信息来源'],
    customerRef,
    salesConsultant: ['销售顾问', '销售员', '销售人员', '销售'],
    serviceAdvisor: ['服务顾问', '专属顾问', '售后顾问', '专属服务顾问'],
    storeCode: store,
    ...car,
  },
  vehicles: {
    customerRef,
    ownerPhone: ['车主电话', '车主手机', '手机', '手机号', '手机号码', '联系电话', '客户电话'],
    vehicleRef,
    ...car,
  },
  sales: {
    orderNumber: ['销售订单号', '订单号', '销售单号', '订单编号', '合同号', '合同编号', '销售合同号'],
    vin,
    vehicleRef,
    customerRef,
    buyerPhone: ['手机', '手机号', '手机号码', '联系电话', '客户电话', '车主电话', '购车人电话'],
    orderDate: ['订单日期', '签约日期', '合同日期', '下单日期', '销售日期'],
    deliveryDate: ['交车日期', '交付日期', '交车时间', '提车日期', '交付时间'],
    consultant: ['销售顾问', '销售员', '销售人员', '销售'],
    price: ['成交价', '成交金额', '车价', '销售价格', '开票价', '开票金额', '发票金额'],
    storeCode: store,
  },
  repair_orders: {
    orderNumber,
    vin,
    vehicleRef,
    dateIn: ['进厂日期', '进厂时间', '开单日期', '开单时间', '接车日期'],
    dateOut: ['出厂日期', '出厂时间', '结算日期', '交车时间', '完工日期'],
    orderType: ['维修类型', '工单类型', '业务类型', '维修类别'],
    mileageKm: ['进厂里程', '里程', '行驶里程', '公里数'],
    storeCode: store,
    serviceAdvisor: ['服务顾问', '接待顾问', '接待员', 'sa'],
    technician: ['维修技师', '技师', '主修人', '维修工', '主修技师'],
    ...lineFields,
    labourAmount: ['工时费', '工时费用', '工时金额', '人工费', '工时费合计'],
    partsAmount: ['材料费', '配件费', '材料金额', '配件金额', '零件费', '材料费合计'],
    partsCostTotal: ['材料成本', '配件成本合计', '材料成本合计', '成本合计'],
    totalAmount: ['合计金额', '工单金额', '总金额', '工单总额', '合计', '总计', '费用合计'],
  },
  repair_order_lines: { orderNumber, ...lineFields },
};

export const normaliseHeader = (header: string) =>
  header
    .toLowerCase()
    .replace(/[(（[【][^)）\]】]*[)）\]】]/g, '')
    .replace(/[\s*＊:：_-]/g, '');

export const fieldsOf = (kind: ImportKind) => importFields[kind].map((f) => f.field as string);
export const requiredFieldsOf = (kind: ImportKind) =>
  importFields[kind].filter((f) => f.required).map((f) => f.field as string);

/**
 * The mapping to propose for a file: the tenant's saved mapping where its headers are in this file,
 * then known DMS header names for the fields still open. A header is used for one field at most.
 */
export const suggestMapping = (kind: ImportKind, headers: string[], saved: ImportMapping | null): ImportMapping => {
  const mapping: ImportMapping = {};
  const used = new Set<string>();
  const fields = fieldsOf(kind);
  for (const [field, header] of Object.entries(saved ?? {})) {
    if (fields.includes(field) && headers.includes(header) && !used.has(header)) {
      mapping[field] = header;
      used.add(header);
    }
  }
  const byName = new Map(headers.map((h) => [normaliseHeader(h), h] as const));
  for (const field of fields) {
    if (mapping[field]) continue;
    for (const name of synonyms[kind][field] ?? []) {
      const header = byName.get(normaliseHeader(name));
      if (header && !used.has(header)) {
        mapping[field] = header;
        used.add(header);
        break;
      }
    }
  }
  return mapping;
};

/** What is wrong with a chosen mapping, as field issues (`mapping.<field>`); empty when it can run. */
export const mappingIssues = (kind: ImportKind, headers: string[], mapping: ImportMapping): FieldIssue[] => {
  const fields = fieldsOf(kind);
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  for (const [field, header] of Object.entries(mapping)) {
    const path = `mapping.${field}`;
    if (!fields.includes(field)) issues.push({ path, message: 'import_field_unknown' });
    else if (!headers.includes(header)) issues.push({ path, message: 'import_header_unknown' });
    else if (seen.has(header)) issues.push({ path, message: 'import_header_twice' });
    seen.add(header);
  }
  for (const field of requiredFieldsOf(kind))
    if (!mapping[field]) issues.push({ path: `mapping.${field}`, message: 'import_field_required' });
  // Fields of which one is enough (the car by VIN or by its number…): the first says so.
  for (const group of importFieldsOneOf[kind] ?? [])
    if (!group.some((f) => mapping[f]) && group[0])
      issues.push({ path: `mapping.${group[0]}`, message: 'import_field_one_of' });
  return issues;
};
