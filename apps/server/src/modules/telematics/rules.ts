import { defaultTelematicsRules, faultCodeMeaning, telematicsRules, type TelematicsRules } from '@m4s/contracts';

/** The tenant's rules: its stored tuning over the defaults (a stored value out of range is ignored). */
export const rulesOf = (stored: Record<string, unknown> | null | undefined): TelematicsRules => {
  const merged = { ...defaultTelematicsRules, ...(stored ?? {}) };
  const parsed = telematicsRules.safeParse(merged);
  return parsed.success ? parsed.data : defaultTelematicsRules;
};

/** A reading's conditions a rule acts on: `battery_low`, and `fault:<code>` for each trouble code. */
export const conditionsOf = (
  reading: { batteryVoltage?: number | null | undefined; faultCodes: readonly string[] },
  rules: TelematicsRules,
): string[] => [
  ...(reading.batteryVoltage !== null &&
  reading.batteryVoltage !== undefined &&
  reading.batteryVoltage < rules.batteryLowVolts
    ? ['battery_low']
    : []),
  ...[...new Set(reading.faultCodes)].map((code) => `fault:${code}`),
];

/** How long the same condition of a car stays raised: not raised again within it. */
export const windowDaysOf = (condition: string, rules: TelematicsRules) =>
  condition === 'battery_low' ? rules.batteryWindowDays : rules.faultWindowDays;

/** The owner's message (the wording of PRODUCT §10). */
export const batteryMessage = (shortName: string, plate: string | null) =>
  `【${shortName}】您的爱车${plate ? `（${plate}）` : ''}电池电量低，建议到店检测。`;

/** The advisor's call task: each code with its meaning from the table, unknown codes said so. */
export const faultTask = (codes: readonly string[], plate: string | null) => ({
  title: `车辆故障码${plate ? `（${plate}）` : ''}：${codes.join('、')}`,
  script: [
    '车联网上报了以下故障码，请致电车主说明情况并邀约到店检测：',
    ...codes.map((code) => `${code}：${faultCodeMeaning(code, 'zh-CN') ?? '未知故障码（故障码表中没有此码）'}`),
  ].join('\n'),
});
