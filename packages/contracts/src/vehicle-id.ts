import { z } from 'zod';

// ── VIN ──────────────────────────────────────────────────────────────────────────────────────────────

export type VinProblem = 'length' | 'characters' | 'check_digit';
export type VinCheck = { ok: true; vin: string } | { ok: false; reason: VinProblem };

/** ISO 3779 / 49 CFR 565 transliteration; I, O and Q never appear in a VIN (too like 1 and 0). */
// prettier-ignore
const vinValues: Record<string, number> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8,
  J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9,
  S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
};
const vinWeights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2] as const;
const vinPattern = /^[A-HJ-NPR-Z0-9]{17}$/;

const vinValue = (ch: string): number => (ch >= '0' && ch <= '9' ? Number(ch) : (vinValues[ch] ?? 0));

/** The check digit a 17-character VIN should carry at position 9: '0'–'9', or 'X' for a remainder of 10. */
export const vinCheckDigit = (vin: string): string => {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += vinValue(vin.charAt(i)) * (vinWeights[i] ?? 0);
  const remainder = sum % 11;
  return remainder === 10 ? 'X' : String(remainder);
};

/**
 * Validates a VIN as typed by a person or read from a DMS export. The position-9 check digit is
 * enforced for every VIN: GB 16735 requires it on vehicles sold in China, as North America does,
 * so a European-style VIN without one is not a car we can register.
 */
export const vinCheck = (input: string): VinCheck => {
  const normalised = input.trim().toUpperCase();
  if (normalised.length !== 17) return { ok: false, reason: 'length' };
  if (!vinPattern.test(normalised)) return { ok: false, reason: 'characters' };
  if (normalised.charAt(8) !== vinCheckDigit(normalised)) return { ok: false, reason: 'check_digit' };
  return { ok: true, vin: normalised };
};

// ── Mainland China number plates (GA 36) ─────────────────────────────────────────────────────────────

export const plateProvinces = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
export type PlateKind = 'standard' | 'new_energy_small' | 'new_energy_large' | 'special';
export type PlateCheck = { ok: true; plate: string; kind: PlateKind } | { ok: false };

// Province + issuing-authority letter (I and O are never used: they read as 1 and 0).
const prefix = `[${plateProvinces}][A-HJ-NP-Z]`;
const alnum = '[A-HJ-NP-Z0-9]';
const platePatterns: readonly (readonly [PlateKind, RegExp])[] = [
  ['standard', new RegExp(`^${prefix}${alnum}{5}$`)],
  // Small new-energy cars: D (battery electric) or F (other) first, then a letter or digit, then four
  // digits. Cities that ran out of numbers extend D with A/B/C/E and F with G/H/J/K (Shenzhen since 2022).
  ['new_energy_small', new RegExp(`^${prefix}[A-HJK]${alnum}\\d{4}$`)],
  ['new_energy_large', new RegExp(`^${prefix}\\d{5}[DF]$`)],
  // Driving-school, police, trailer, consulate and Hong Kong / Macau cross-border plates.
  ['special', new RegExp(`^${prefix}${alnum}{4}[学警挂领港澳]$`)],
];

/** Spaces and the middle dot people type between the prefix and the number (京A·12345). */
const plateSeparators = /[\s·•・]/g;

export const plateCheck = (input: string): PlateCheck => {
  const plate = input.replace(plateSeparators, '').toUpperCase();
  for (const [kind, pattern] of platePatterns) if (pattern.test(plate)) return { ok: true, plate, kind };
  return { ok: false };
};

// ── zod schemas for request bodies and import rows ───────────────────────────────────────────────────

/** A VIN, normalised to upper case; the issue's message is `vin_length`, `vin_characters` or `vin_check_digit`. */
export const vin = z.string().transform((value, ctx) => {
  const result = vinCheck(value);
  if (result.ok) return result.vin;
  ctx.addIssue({ code: 'custom', message: `vin_${result.reason}` });
  return z.NEVER;
});

/** A mainland China plate, normalised (no spaces or dot, upper case); the issue's message is `plate`. */
export const plate = z.string().transform((value, ctx) => {
  const result = plateCheck(value);
  if (result.ok) return result.plate;
  ctx.addIssue({ code: 'custom', message: 'plate' });
  return z.NEVER;
});
