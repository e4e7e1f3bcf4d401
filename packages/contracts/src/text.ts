/**
 * Text as people and old systems type it, made comparable: Chinese input methods write full-width forms
 * (１３８…, ＶＩＮ, （）, the ideographic space) that mean the same as the ASCII ones.
 */

/** Full-width ASCII forms (U+FF01–U+FF5E) and the ideographic space become their half-width selves. */
export const halfWidth = (text: string): string =>
  text.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );

/** Every dash a keyboard or a word processor makes: hyphen, en and em dash, minus, the full-width one. */
export const dashes = '\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE63\uFF0D';

/** Trimmed, half-width, with runs of spaces (any kind) made one: how a name is kept. */
export const tidyText = (text: string): string => halfWidth(text).replace(/\s+/g, ' ').trim();

/**
 * A mainland mobile number however it was written — +86 / 0086 / 86 in front, dashes, dots, spaces,
 * brackets, full-width digits — as its 11 digits; null when what is left is not a mobile number.
 */
export const normaliseMobile = (input: string): string | null => {
  const compact = halfWidth(input).replace(new RegExp(`[\\s${dashes}().]`, 'g'), '');
  // Another country's code (+1 415…, 001…) is not a mainland mobile, whatever digits follow.
  const international = /^(?:\+|00)(\d*)$/.exec(compact);
  if (international && !international[1]?.startsWith('86')) return null;
  const digits = compact.replace(/^\+/, '');
  const local = /^(?:0086|86)(1\d{10})$/.exec(digits)?.[1] ?? digits;
  return /^1[3-9]\d{9}$/.test(local) ? local : null;
};

/**
 * A plate as an old system or a person wrote it (沪E-50029, 沪E·50029, 沪E.50029, 沪 E 50029, 沪Ｅ５００２９),
 * with the separators gone: what the DMS import validates with plateCheck. Forms people fill in keep
 * plateCheck's own, stricter reading (a hyphen there is a typo to show, not to repair).
 */
export const plateText = (input: string): string =>
  halfWidth(input).replace(new RegExp(`[\\s·•・‧∙.${dashes}_]`, 'g'), '');

/** A VIN as exports write it (groups split by spaces or dashes, full-width, lower case): for vinCheck. */
export const vinText = (input: string): string =>
  halfWidth(input)
    .replace(new RegExp(`[\\s${dashes}]`, 'g'), '')
    .toUpperCase();
