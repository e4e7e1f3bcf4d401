/**
 * What common OBD-II diagnostic trouble codes mean, for the advisor's task raised by a connected car
 * (docs/telematics.md). SAE J2012 generic codes (P0xxx powertrain, plus a few chassis/body/network codes
 * that cars report often); a manufacturer's own codes (P1xxx…) and anything not listed are shown as unknown.
 */
export const faultCodeMeanings: Readonly<Record<string, { 'zh-CN': string; en: string }>> = {
  P0010: { 'zh-CN': '进气凸轮轴位置执行器电路故障（第1列）', en: 'Intake camshaft position actuator circuit (bank 1)' },
  P0011: { 'zh-CN': '进气凸轮轴正时过于提前（第1列）', en: 'Intake camshaft timing over-advanced (bank 1)' },
  P0016: { 'zh-CN': '曲轴与凸轮轴位置不对应（第1列）', en: 'Crankshaft/camshaft position correlation (bank 1)' },
  P0101: { 'zh-CN': '空气流量计信号范围/性能异常', en: 'Mass air flow sensor range/performance' },
  P0113: { 'zh-CN': '进气温度传感器信号过高', en: 'Intake air temperature sensor high input' },
  P0117: { 'zh-CN': '冷却液温度传感器信号过低', en: 'Engine coolant temperature sensor low input' },
  P0118: { 'zh-CN': '冷却液温度传感器信号过高', en: 'Engine coolant temperature sensor high input' },
  P0128: { 'zh-CN': '冷却液温度低于节温器调节温度', en: 'Coolant temperature below thermostat regulating temperature' },
  P0130: { 'zh-CN': '氧传感器电路故障（第1列传感器1）', en: 'O2 sensor circuit (bank 1 sensor 1)' },
  P0133: { 'zh-CN': '氧传感器响应过慢（第1列传感器1）', en: 'O2 sensor slow response (bank 1 sensor 1)' },
  P0171: { 'zh-CN': '混合气过稀（第1列）', en: 'System too lean (bank 1)' },
  P0172: { 'zh-CN': '混合气过浓（第1列）', en: 'System too rich (bank 1)' },
  P0174: { 'zh-CN': '混合气过稀（第2列）', en: 'System too lean (bank 2)' },
  P0201: { 'zh-CN': '1缸喷油器电路故障', en: 'Injector circuit malfunction, cylinder 1' },
  P0217: { 'zh-CN': '发动机过热', en: 'Engine over-temperature condition' },
  P0300: { 'zh-CN': '检测到随机/多缸失火', en: 'Random/multiple cylinder misfire detected' },
  P0301: { 'zh-CN': '检测到1缸失火', en: 'Cylinder 1 misfire detected' },
  P0302: { 'zh-CN': '检测到2缸失火', en: 'Cylinder 2 misfire detected' },
  P0303: { 'zh-CN': '检测到3缸失火', en: 'Cylinder 3 misfire detected' },
  P0304: { 'zh-CN': '检测到4缸失火', en: 'Cylinder 4 misfire detected' },
  P0325: { 'zh-CN': '爆震传感器电路故障', en: 'Knock sensor 1 circuit malfunction' },
  P0335: { 'zh-CN': '曲轴位置传感器电路故障', en: 'Crankshaft position sensor A circuit' },
  P0340: { 'zh-CN': '凸轮轴位置传感器电路故障', en: 'Camshaft position sensor circuit' },
  P0401: { 'zh-CN': '废气再循环（EGR）流量不足', en: 'Exhaust gas recirculation flow insufficient' },
  P0420: { 'zh-CN': '三元催化器效率低于阈值（第1列）', en: 'Catalyst system efficiency below threshold (bank 1)' },
  P0430: { 'zh-CN': '三元催化器效率低于阈值（第2列）', en: 'Catalyst system efficiency below threshold (bank 2)' },
  P0440: { 'zh-CN': '燃油蒸发排放系统故障', en: 'Evaporative emission control system malfunction' },
  P0442: { 'zh-CN': '燃油蒸发排放系统小泄漏', en: 'Evaporative emission system small leak detected' },
  P0455: {
    'zh-CN': '燃油蒸发排放系统大泄漏（检查油箱盖）',
    en: 'Evaporative emission system large leak (check the fuel cap)',
  },
  P0500: { 'zh-CN': '车速传感器故障', en: 'Vehicle speed sensor malfunction' },
  P0505: { 'zh-CN': '怠速控制系统故障', en: 'Idle air control system malfunction' },
  P0520: { 'zh-CN': '机油压力传感器电路故障', en: 'Engine oil pressure sensor circuit' },
  P0562: { 'zh-CN': '系统电压过低', en: 'System voltage low' },
  P0563: { 'zh-CN': '系统电压过高', en: 'System voltage high' },
  P0600: { 'zh-CN': '控制模块串行通信故障', en: 'Serial communication link malfunction' },
  P0700: { 'zh-CN': '变速箱控制系统故障', en: 'Transmission control system malfunction' },
  P0715: { 'zh-CN': '变速箱输入转速传感器电路故障', en: 'Input/turbine speed sensor circuit' },
  P0741: { 'zh-CN': '变矩器离合器电路性能异常', en: 'Torque converter clutch circuit performance' },
  P0A80: { 'zh-CN': '混合动力电池组需更换', en: 'Replace hybrid battery pack' },
  C0035: { 'zh-CN': '左前轮速传感器电路故障', en: 'Left front wheel speed sensor circuit' },
  C0265: { 'zh-CN': 'ABS电机继电器电路故障', en: 'ABS motor relay circuit' },
  B0001: { 'zh-CN': '驾驶员正面安全气囊引爆电路故障', en: 'Driver frontal airbag deployment control' },
  U0100: { 'zh-CN': '与发动机控制模块通信中断', en: 'Lost communication with the engine control module' },
  U0121: { 'zh-CN': '与ABS控制模块通信中断', en: 'Lost communication with the ABS control module' },
};

/** The code's meaning in the locale, or null when the table does not know it (shown as unknown). */
export const faultCodeMeaning = (code: string, locale: 'zh-CN' | 'en'): string | null =>
  faultCodeMeanings[code.toUpperCase()]?.[locale] ?? null;
