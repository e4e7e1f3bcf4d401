import fc from 'fast-check';
import type { z } from 'zod';

/**
 * fast-check arbitraries from a route's own zod 4 schemas: for each field a mix of valid values (what the
 * schema accepts, as far as its declared checks say), boundary values (its limits and just past them) and
 * hostile ones (NUL, very long text, odd unicode, SQL/HTML payloads, impossible dates, huge or negative numbers,
 * the wrong type), objects with a missing or an extra field. Ids come from a pool (real rows of the caller's
 * tenant, of another tenant, random ones) so that a valid request names something that exists.
 */

type Def = {
  type: string;
  format?: string;
  pattern?: RegExp;
  checks?: { _zod: { def: Record<string, unknown> } }[];
  shape?: Record<string, Schema>;
  catchall?: Schema;
  innerType?: Schema;
  in?: Schema;
  out?: Schema;
  element?: Schema;
  keyType?: Schema;
  valueType?: Schema;
  options?: Schema[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  items?: Schema[];
  left?: Schema;
  right?: Schema;
  getter?: () => Schema;
  defaultValue?: unknown;
  coerce?: boolean;
};
type Schema = { _zod: { def: Def } } | z.ZodType;

const defOf = (s: Schema): Def => (s as { _zod: { def: Def } })._zod.def;

export type Pools = {
  /** Ids to use where a schema wants a uuid: the caller's rows, another tenant's, random ones. */
  ids: fc.Arbitrary<string>;
  /** The caller's rows of the kind a field's name says (customerId, storeId…), when it says one. */
  idFor?: (name: string) => fc.Arbitrary<string> | null;
};

const long = (n: number) => '长'.repeat(n);

/** Strings no field should trip over: each must answer 4xx or be stored and shown back as text. */
export const hostileStrings = [
  '\u0000',
  'a\u0000b',
  '',
  ' ',
  '\t\r\n',
  'a\rb',
  long(5000),
  'x'.repeat(70_000),
  '𠜎😀👨‍👩‍👧\u202e\u200b',
  '\ud800',
  'Ａ１',
  "' OR 1=1 --",
  "'; DROP TABLE customers; --",
  '"\\',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '=HYPERLINK("http://x")',
  '../../../etc/passwd',
  '%00',
  '2023-02-30',
  '9999-12-31',
  '0000-00-00',
  '-infinity',
  'infinity',
  '2023-13-01T25:61:00Z',
  '1970-01-01T00:00:00Z',
  '2100-12-31T23:59:59.999Z',
  '+275760-09-13T00:00:00.000Z',
  'NaN',
  '-1',
  '1e308',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '__proto__',
  'constructor',
];

export const hostileNumbers = [
  -1,
  0,
  -0,
  0.5,
  -2_147_483_649,
  2_147_483_648,
  2 ** 53,
  -(2 ** 53),
  1e308,
  -1e308,
  2 ** 53 + 2,
];

const wrongTypes: unknown[] = [null, true, 0, 'x', [], {}, [null], { a: 1 }];

const hostileAny = fc.oneof(
  fc.constantFrom(...hostileStrings),
  fc.constantFrom(...hostileNumbers),
  fc.constantFrom(...wrongTypes),
);

const checksOf = (d: Def) => (d.checks ?? []).map((c) => c._zod.def);

const pad2 = (n: number) => String(n).padStart(2, '0');
const dayArb = fc
  .record({
    y: fc.integer({ min: 1990, max: 2035 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
  })
  .map(({ y, m, d }) => `${y}-${pad2(m)}-${pad2(d)}`);
const dateTimeArb = fc
  .tuple(dayArb, fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([day, h, m]) => `${day}T${pad2(h)}:${pad2(m)}:00.000Z`);

/** A string that fits a field by its name when its schema says nothing more (custom refinements: days, times, phones). */
const byName = (name: string): fc.Arbitrary<string> | null => {
  const n = name.toLowerCase();
  if (/phone|mobile/.test(n)) return fc.constantFrom('13800000001', '13912345678', '13000000000');
  if (/(^|_)(day|date|from|to|until|since)$|date$|day$|^from|^to[A-Z]?/.test(name) || /date|day/.test(n))
    return fc.oneof(dayArb, fc.constantFrom('2026-01-01', '2030-01-02'));
  if (/at$|time$/.test(n)) return dateTimeArb;
  if (/vin$/.test(n)) return fc.constantFrom('LFV2A21K8J3000001', '1HGCM82633A004352');
  if (/plate/.test(n)) return fc.constantFrom('沪A12345', '京B8888');
  if (/email/.test(n)) return fc.constant('a@example.com');
  if (/color/.test(n)) return fc.constant('#123456');
  if (/slug|tenant$/.test(n)) return fc.constantFrom('no-such-tenant', 'demo');
  return null;
};

const stringValid = (d: Def, name: string, pools: Pools): fc.Arbitrary<string> => {
  const checks = checksOf(d);
  let min = 0;
  let max = 40;
  const patterns: RegExp[] = [];
  let format = d.format;
  for (const c of checks) {
    if (c.check === 'min_length') min = Math.max(min, Number(c.minimum));
    if (c.check === 'max_length') max = Math.min(max, Number(c.maximum));
    if (c.check === 'length_equals') min = max = Number(c.length);
    if (c.check === 'string_format') {
      format ??= String(c.format);
      if (c.pattern instanceof RegExp) patterns.push(c.pattern);
    }
  }
  if (format === 'uuid' || format === 'guid') {
    const named = pools.idFor?.(name);
    return named ? fc.oneof({ weight: 3, arbitrary: named }, { weight: 1, arbitrary: pools.ids }) : pools.ids;
  }
  if (format === 'email') return fc.constant('a@example.com');
  if (format === 'date') return dayArb;
  if (format === 'datetime') return dateTimeArb;
  if (format === 'url') return fc.constant('https://example.com/hook');
  const pattern = patterns[0] ?? (d.pattern instanceof RegExp ? d.pattern : undefined);
  if (pattern) return fc.stringMatching(pattern).filter((s) => s.length >= min && s.length <= Math.max(max, min));
  const named = byName(name);
  if (named) return named;
  if (max < min) max = min;
  return fc.oneof(
    fc.string({ minLength: Math.max(min, 1), maxLength: Math.max(Math.min(max, 12), min, 1) }),
    fc.constantFrom('测试', '上海市测试路 1 号', '张三').filter((s) => s.length >= min && s.length <= max),
  );
};

const numberBounds = (d: Def) => {
  let min = -1_000_000;
  let max = 1_000_000;
  let int = false;
  for (const c of checksOf(d)) {
    if (c.check === 'greater_than') min = Number(c.value) + (c.inclusive ? 0 : 1);
    if (c.check === 'less_than') max = Number(c.value) - (c.inclusive ? 0 : 1);
    if (c.check === 'number_format' && /int/.test(String(c.format))) int = true;
  }
  if (max < min) max = min;
  return { min, max, int };
};

const numberValid = (d: Def): fc.Arbitrary<number> => {
  const { min, max, int } = numberBounds(d);
  const lo = Math.max(min, -1_000_000_000);
  const hi = Math.min(max, 1_000_000_000);
  return int || lo === hi
    ? fc.integer({ min: Math.ceil(lo), max: Math.max(Math.ceil(lo), Math.floor(hi)) })
    : fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
};

/** Values at a field's limits and just past them. */
const boundary = (s: Schema): fc.Arbitrary<unknown> | null => {
  const d = defOf(s);
  if (d.type === 'string') {
    const out: string[] = [];
    for (const c of checksOf(d)) {
      if (c.check === 'min_length')
        out.push('a'.repeat(Number(c.minimum)), 'a'.repeat(Math.max(0, Number(c.minimum) - 1)));
      if (c.check === 'max_length') out.push('字'.repeat(Number(c.maximum)), '字'.repeat(Number(c.maximum) + 1));
    }
    return out.length > 0 ? fc.constantFrom(...out) : null;
  }
  if (d.type === 'number') {
    const { min, max } = numberBounds(d);
    return fc.constantFrom(min, max, min - 1, max + 1, min + 0.5);
  }
  if (d.type === 'array') {
    const lens = checksOf(d)
      .flatMap((c) =>
        c.check === 'min_length' ? [Number(c.minimum) - 1] : c.check === 'max_length' ? [Number(c.maximum) + 1] : [],
      )
      .filter((n) => n >= 0 && n < 2000);
    return lens.length > 0 ? fc.constantFrom(...lens).map((n) => Array.from({ length: n }, () => 'x')) : null;
  }
  return null;
};

export type Mode = 'valid' | 'mixed';

/**
 * The arbitrary of one schema. `valid` keeps to what the schema declares; `mixed` puts boundary and hostile
 * values at every level (each field on its own), and drops or adds fields in objects.
 */
export const arbitraryOf = (s: Schema, pools: Pools, mode: Mode, name = '', depth = 0): fc.Arbitrary<unknown> => {
  const inner = (x: Schema, n = name) => arbitraryOf(x, pools, mode, n, depth + 1);
  const d = defOf(s);
  const valid = validOf(s, d, pools, mode, name, depth, inner);
  if (mode === 'valid' || depth > 8) return valid;
  const edge = boundary(s);
  // Wrappers and objects mix inside themselves; scalars get their hostile share here.
  if (
    ['optional', 'nullable', 'default', 'prefault', 'pipe', 'transform', 'readonly', 'catch', 'lazy'].includes(d.type)
  )
    return valid;
  return fc.oneof({ weight: 5, arbitrary: valid }, ...(edge ? [{ weight: 1, arbitrary: edge }] : []), {
    weight: 2,
    arbitrary: hostileAny,
  });
};

const validOf = (
  s: Schema,
  d: Def,
  pools: Pools,
  mode: Mode,
  name: string,
  depth: number,
  inner: (x: Schema, n?: string) => fc.Arbitrary<unknown>,
): fc.Arbitrary<unknown> => {
  switch (d.type) {
    case 'string':
      return stringValid(d, name, pools);
    case 'number':
    case 'int':
      return numberValid(d);
    case 'bigint':
      return fc.bigInt({ min: 0n, max: 1000n });
    case 'boolean':
      return fc.boolean();
    case 'date':
      return fc.date({ min: new Date('2000-01-01'), max: new Date('2035-01-01'), noInvalidDate: true });
    case 'null':
      return fc.constant(null);
    case 'undefined':
    case 'void':
      return fc.constant(undefined);
    case 'literal':
      return fc.constantFrom(...(d.values ?? [null]));
    case 'enum':
      return fc.constantFrom(...Object.values(d.entries ?? { x: 'x' }));
    case 'optional':
      return fc.option(inner(d.innerType as Schema), { nil: undefined, freq: 4 });
    case 'nullable':
      return fc.option(inner(d.innerType as Schema), { nil: null, freq: 4 });
    case 'default':
    case 'prefault':
      return fc.option(inner(d.innerType as Schema), { nil: undefined, freq: 3 });
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return inner(d.innerType as Schema);
    case 'pipe':
      return defOf(d.in as Schema).type === 'transform' ? inner(d.out as Schema) : inner(d.in as Schema);
    case 'transform':
      return fc.string({ maxLength: 8 });
    case 'lazy':
      return depth > 4 ? fc.constant(null) : inner((d.getter as () => Schema)());
    case 'array': {
      let minLength = 0;
      let maxLength = 3;
      for (const c of checksOf(d)) {
        if (c.check === 'min_length') minLength = Number(c.minimum);
        if (c.check === 'max_length') maxLength = Math.min(maxLength, Number(c.maximum));
      }
      return fc.array(inner(d.element as Schema), { minLength, maxLength: Math.max(minLength, maxLength) });
    }
    case 'tuple':
      return fc.tuple(...(d.items ?? []).map((x) => inner(x)));
    case 'union':
      return fc.oneof(...(d.options ?? []).map((x) => inner(x)));
    case 'intersection':
      return fc
        .tuple(inner(d.left as Schema), inner(d.right as Schema))
        .map(([l, r]) => (l && r && typeof l === 'object' && typeof r === 'object' ? { ...l, ...r } : l));
    case 'record': {
      const keys = defOf(d.keyType as Schema);
      const key =
        keys.type === 'enum'
          ? fc.constantFrom(...Object.values(keys.entries ?? { x: 'x' }).map(String))
          : fc.string({ minLength: 1, maxLength: 8 });
      return fc.dictionary(key, inner(d.valueType as Schema), { maxKeys: 3 });
    }
    case 'object': {
      const shape = d.shape ?? {};
      const fields = Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, inner(v, k)]));
      const record = fc
        .record(fields)
        .map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)));
      if (mode === 'valid') return record;
      const keys = Object.keys(shape);
      return fc.oneof(
        { weight: 6, arbitrary: record },
        // A missing field, or an extra one.
        ...(keys.length > 0
          ? [
              {
                weight: 1,
                arbitrary: fc.tuple(record, fc.constantFrom(...keys)).map(([o, k]) => {
                  const copy: Record<string, unknown> = { ...o };
                  delete copy[k];
                  return copy;
                }),
              },
            ]
          : []),
        {
          weight: 1,
          arbitrary: fc
            .tuple(record, fc.constantFrom('extra', '__proto__', 'tenantId', 'id'), hostileAny)
            .map(([o, k, v]) => ({ ...o, [k]: v })),
        },
      );
    }
    default:
      // any, unknown, custom: a bit of everything.
      return fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.constant(null));
  }
};
