import { hotline, mobilePhone, type FormField, type ServiceStep } from '@m4s/contracts';
import { AppError } from '../../platform/errors.ts';

export type Answers = Record<string, string | number | null>;

const isDay = (v: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
};

/** One answer checked against its field: the cleaned value, or the field message key that refuses it. */
const check = (f: FormField, raw: string | number | null): { value: string | number | null } | { refuse: string } => {
  const blank = raw === null || raw === '';
  if (blank) return f.required ? { refuse: 'required' } : { value: null };
  switch (f.kind) {
    case 'number': {
      const n = typeof raw === 'number' ? raw : Number(raw);
      if (!Number.isFinite(n)) return { refuse: 'service_number' };
      if ((f.min !== undefined && n < f.min) || (f.max !== undefined && n > f.max)) return { refuse: 'service_number' };
      return { value: n };
    }
    case 'select':
      return f.options?.some((o) => o.value === raw) ? { value: String(raw) } : { refuse: 'service_option' };
    case 'date':
      return isDay(String(raw)) ? { value: String(raw) } : { refuse: 'date' };
    case 'phone': {
      const v = String(raw).trim();
      return mobilePhone.safeParse(v).success || hotline.safeParse(v).success ? { value: v } : { refuse: 'hotline' };
    }
    case 'text':
    case 'textarea': {
      const v = String(raw).trim();
      if (v.length > (f.max ?? 200)) return { refuse: 'service_too_long' };
      return v === '' && f.required ? { refuse: 'required' } : { value: v || null };
    }
    case 'location':
    case 'photo':
      return { refuse: 'service_field_unknown' };
  }
};

/**
 * The answers to a form (the owner's, or what staff record on a step) checked against its fields: unknown keys,
 * missing required answers and answers of the wrong shape are a 400 naming the field (`<path>.<key>`).
 * Location and photo fields travel outside the answers.
 */
export const checkAnswers = (fields: readonly FormField[], answers: Answers, path: string): Answers => {
  const asked = fields.filter((f) => f.kind !== 'location' && f.kind !== 'photo');
  for (const key of Object.keys(answers))
    if (!asked.some((f) => f.key === key)) throw AppError.field(`${path}.${key}`, 'service_field_unknown');
  const clean: Answers = {};
  for (const f of asked) {
    const result = check(f, answers[f.key] ?? null);
    if ('refuse' in result) throw AppError.field(`${path}.${f.key}`, result.refuse);
    if (result.value !== null) clean[f.key] = result.value;
  }
  return clean;
};

/** `received`, then the manifest's steps: the one after `status`, or null when the case is closed. */
export const nextStep = (steps: readonly ServiceStep[], status: string): ServiceStep | null => {
  if (status === 'cancelled') return null;
  if (status === 'received') return steps[0] ?? null;
  const at = steps.findIndex((s) => s.key === status);
  return at < 0 ? null : (steps[at + 1] ?? null);
};

/** The last step closes the case. */
export const isLastStep = (steps: readonly ServiceStep[], key: string) => steps[steps.length - 1]?.key === key;
