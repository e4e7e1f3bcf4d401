import { and, desc, eq } from 'drizzle-orm';
import {
  careRuleKeys,
  careTemplateKeys,
  touchChannels,
  type CareTemplate,
  type CareTemplateInput,
  type CareTemplateKey,
  type TouchChannel,
} from '@m4s/contracts';
import type { Ctx } from '../../platform/context.ts';
import { messageTemplates } from '../../platform/db/schema/index.ts';
import { AppError } from '../../platform/errors.ts';
import { defaultTemplate } from './defaults.ts';
import { isVariable, variablesIn } from './variables.ts';

export type TemplateText = { subject: string | null; body: string };
type Slot = `${CareTemplateKey}/${TouchChannel}`;
/** The tenant's current text of every template (newest version, else version 0 from code). */
export type TemplateBook = Map<Slot, CareTemplate>;

const includePattern = /\{\{>([A-Za-z_]+)\}\}/g;
const isTemplateKey = (name: string): name is CareTemplateKey => (careTemplateKeys as readonly string[]).includes(name);

export const loadTemplates = async (ctx: Ctx): Promise<TemplateBook> => {
  const rows = await ctx.db
    .select()
    .from(messageTemplates)
    .where(eq(messageTemplates.tenantId, ctx.tenantId))
    .orderBy(desc(messageTemplates.version));
  const book: TemplateBook = new Map();
  for (const key of careTemplateKeys)
    for (const channel of touchChannels)
      book.set(`${key}/${channel}`, { key, channel, version: 0, ...defaultTemplate(key, channel) });
  for (const row of rows) {
    const slot: Slot = `${row.templateKey as CareTemplateKey}/${row.channel}`;
    if (!isTemplateKey(row.templateKey) || (book.get(slot)?.version ?? 0) >= row.version) continue;
    book.set(slot, {
      key: row.templateKey,
      channel: row.channel,
      version: row.version,
      subject: row.subject,
      body: row.body,
    });
  }
  return book;
};

/**
 * Inlines {{>snippet}} (the snippet of the same channel), recursively. Throws on an unknown snippet or a
 * cycle (a snippet that, through others, includes itself): a loop is refused, never expanded forever.
 */
export const expand = (
  book: TemplateBook,
  channel: TouchChannel,
  text: string,
  path: string,
  stack: string[] = [],
): string =>
  text.replace(includePattern, (_whole, name: string) => {
    if (!isTemplateKey(name)) throw AppError.field(path, 'care_template_unknown_snippet');
    if (stack.includes(name)) throw AppError.field(path, 'care_template_cycle');
    const inner = book.get(`${name}/${channel}`);
    return inner ? expand(book, channel, inner.body, path, [...stack, name]) : '';
  });

/** The template's text ready to render: snippets inlined. */
export const resolved = (book: TemplateBook, key: CareTemplateKey, channel: TouchChannel): TemplateText => {
  const t = book.get(`${key}/${channel}`) ?? { ...defaultTemplate(key, channel) };
  return {
    subject: t.subject === null ? null : expand(book, channel, t.subject, 'subject', [key]),
    body: expand(book, channel, t.body, 'body', [key]),
  };
};

const checkVariables = (text: string, path: string) => {
  if (variablesIn(text).some((name) => !isVariable(name))) throw AppError.field(path, 'care_template_unknown_variable');
};

/** Adds a version; refused when it (or what it includes) uses an unknown variable, or closes a loop. */
export const saveTemplate = async (
  ctx: Ctx,
  key: CareTemplateKey,
  channel: TouchChannel,
  input: CareTemplateInput,
): Promise<CareTemplate> => {
  if (channel === 'sms' && input.subject) throw AppError.field('subject', 'care_template_sms_subject');
  if (channel !== 'sms' && (careRuleKeys as readonly string[]).includes(key) && !input.subject?.trim())
    throw AppError.field('subject', 'care_template_subject_required');
  const book = await loadTemplates(ctx);
  const current = book.get(`${key}/${channel}`);
  book.set(`${key}/${channel}`, { key, channel, version: (current?.version ?? 0) + 1, ...input });
  // Every template of the channel must still expand: an edited snippet can close a loop through another.
  for (const other of careTemplateKeys) {
    const text = resolved(book, other, channel);
    checkVariables(text.body, 'body');
    if (text.subject) checkVariables(text.subject, other === key ? 'subject' : 'body');
  }
  const version = (current?.version ?? 0) + 1;
  const [row] = await ctx.db
    .insert(messageTemplates)
    .values({
      tenantId: ctx.tenantId,
      templateKey: key,
      channel,
      version,
      subject: input.subject,
      body: input.body,
      createdBy: ctx.actor.kind === 'staff' ? ctx.actor.id : null,
      createdAt: ctx.clock.now(),
    })
    .returning();
  if (!row) throw new Error('template insert returned nothing');
  return { key, channel, version, subject: row.subject, body: row.body };
};

export const templateVersions = async (ctx: Ctx, key: CareTemplateKey, channel: TouchChannel) =>
  ctx.db
    .select()
    .from(messageTemplates)
    .where(
      and(
        eq(messageTemplates.tenantId, ctx.tenantId),
        eq(messageTemplates.templateKey, key),
        eq(messageTemplates.channel, channel),
      ),
    )
    .orderBy(desc(messageTemplates.version));
