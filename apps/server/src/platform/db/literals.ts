/**
 * Values written into SQL text as literals, for the one place that must: a transaction's first statement
 * travels with BEGIN and SET LOCAL in one simple query, which takes no parameters (TxScope.first). Each
 * helper admits only a shape that cannot end the literal — anything else throws — so the text is safe
 * whatever the caller passes.
 */
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const tokenPattern = /^[A-Za-z0-9_-]{1,200}$/;
const wordPattern = /^[a-z_]{1,40}$/;

const refuse = (what: string): never => {
  throw new Error(`not a safe SQL literal: ${what}`);
};

/** A UUID, lower-cased. */
export const uuidLiteral = (value: string): string =>
  uuidPattern.test(value) ? `'${value.toLowerCase()}'` : refuse('uuid');

/** A base64url token (our hashes of cookie secrets). */
export const tokenLiteral = (value: string): string => (tokenPattern.test(value) ? `'${value}'` : refuse('token'));

/** A lower-case word: enum values such as a session kind. */
export const wordLiteral = (value: string): string => (wordPattern.test(value) ? `'${value}'` : refuse('word'));

/** A point in time, as timestamptz. */
export const timeLiteral = (value: Date): string =>
  Number.isFinite(value.getTime()) ? `'${value.toISOString()}'::timestamptz` : refuse('time');
