/**
 * The one definition of the template variables: each is a SQL expression over the rendering join
 * (`renderFrom`). The sweep renders with nested replace() over these expressions; the preview evaluates the
 * same expressions for one customer and substitutes in TypeScript — so both say the same thing.
 */
const day = (expr: string) => `coalesce(to_char(${expr}, 'FMMM"月"FMDD"日"'), '')`;

export const templateVariables = {
  /** 姓 + 先生/女士 by gender; the full name when the gender is unknown (or for a company). */
  customer: `CASE WHEN c.kind = 'person' AND c.gender = 'male' THEN left(c.name, 1) || '先生'
      WHEN c.kind = 'person' AND c.gender = 'female' THEN left(c.name, 1) || '女士' ELSE c.name END`,
  customerName: 'c.name',
  model: `coalesce(cs.name_zh, '爱车')`,
  plate: `coalesce(v.plate, '')`,
  store: 'coalesce(st.name, t.name)',
  tenant: 't.short_name',
  hotline: `coalesce(st.phone, t.dealer_hotline, '')`,
  advisor: `coalesce(adv.name, '')`,
  /** The rule's anchor date: the expiry, the predicted service, the delivery, the birthday… */
  date: day('x.anchor_on'),
  /** The odometer estimated for today: classification keeps it as of computed_on, km/day carries it on. */
  mileage: `coalesce((vs.estimated_km + round(coalesce(vs.km_per_day, 0)
      * greatest(0, (now() AT TIME ZONE t.timezone)::date - vs.computed_on)))::int::text, '')`,
  nextServiceDate: day('vs.predicted_service_on'),
  nextServiceKm: `coalesce(vs.predicted_service_km::text, '')`,
  insuranceExpiry: day('v.insurance_expiry'),
  inspectionDue: day('v.inspection_due'),
  /**
   * Where the service stands on the day the touch is due (the anchor is the due day): 预计于12月13日到期,
   * 今天（12月13日）到期, or 已于11月1日到期，已超过建议保养时间 for an overdue car (with the year when it was another).
   */
  serviceDue: `CASE WHEN x.anchor_on IS NULL THEN ''
      WHEN x.anchor_on > (x.due_at AT TIME ZONE t.timezone)::date THEN '预计于' || ${day('x.anchor_on')} || '到期'
      WHEN x.anchor_on = (x.due_at AT TIME ZONE t.timezone)::date THEN '今天（' || ${day('x.anchor_on')} || '）到期'
      ELSE '已于' || CASE WHEN extract(year FROM x.anchor_on) <> extract(year FROM (x.due_at AT TIME ZONE t.timezone))
                          THEN to_char(x.anchor_on, 'YYYY"年"') ELSE '' END
           || ${day('x.anchor_on')} || '到期，已超过建议保养时间，请尽快安排' END`,
  /** What the rule is about in words (declined estimate lines). */
  items: `coalesce(x.items, '')`,
} as const satisfies Record<string, string>;

export type TemplateVariable = keyof typeof templateVariables;
export const variableNames = Object.keys(templateVariables) as TemplateVariable[];
export const isVariable = (name: string): name is TemplateVariable => name in templateVariables;

/**
 * The join every rendering reads from. `x` is the candidate (customer_id, vehicle_id, store_id,
 * assignee_id, anchor_on, due_at, items); $1 is the tenant.
 */
export const renderJoins = `
  JOIN customers c ON c.tenant_id = $1 AND c.id = x.customer_id
  JOIN tenants t ON t.id = $1
  LEFT JOIN vehicles v ON v.tenant_id = $1 AND v.id = x.vehicle_id
  LEFT JOIN catalogue_series cs ON cs.id = v.series_id
  LEFT JOIN vehicle_segments vs ON vs.tenant_id = $1 AND vs.vehicle_id = x.vehicle_id
  LEFT JOIN stores st ON st.tenant_id = $1 AND st.id = coalesce(x.store_id, c.home_store_id)
  LEFT JOIN staff adv ON adv.tenant_id = $1 AND adv.id = coalesce(x.assignee_id, c.service_advisor_id)`;

const variablePattern = /\{\{([A-Za-z]+)\}\}/g;

/** The variables a (snippet-expanded) text uses. */
export const variablesIn = (text: string): string[] => [
  ...new Set([...text.matchAll(variablePattern)].map((m) => m[1] ?? '')),
];

/** SQL rendering `text` (bound as the parameter `param`): one replace() per variable it uses. */
export const sqlRender = (text: string, param: string): string =>
  variablesIn(text)
    .filter(isVariable)
    .reduce((expr, name) => `replace(${expr}, '{{${name}}}', ${templateVariables[name]})`, param);

/** TypeScript rendering from variable values read with the same expressions. */
export const tsRender = (text: string, values: Record<string, string>): string =>
  text.replace(variablePattern, (whole, name: string) => (isVariable(name) ? (values[name] ?? '') : whole));
