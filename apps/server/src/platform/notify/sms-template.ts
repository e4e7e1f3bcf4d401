import type { OutgoingMessage } from './providers.ts';

/** What every Chinese SMS cloud needs besides the number: a registered signature and a registered template. */
export type SmsTemplates = {
  /** Used when the body carries no 【签名】 of its own. */
  defaultSignName: string;
  /** One registered notification template whose whole text is one variable. */
  templateCode: string;
  /** Optional verification-code template: clouds route, limit and price codes separately. */
  codeTemplateCode: string | null;
};

export type SmsFill =
  | { signName: string; templateCode: string; kind: 'code'; value: string }
  | { signName: string; templateCode: string; kind: 'text'; value: string };

/**
 * The body we store reads as the owner sees it: `【签名】text`. The cloud adds the signature itself from
 * SignName, so the leading 【…】 becomes SignName (each tenant's short name must be registered as a
 * signature) and the rest fills the template's one variable; a login code fills the code template.
 */
export const smsFill = (message: Pick<OutgoingMessage, 'topic' | 'body'>, t: SmsTemplates): SmsFill => {
  const signed = /^【([^】]{2,20})】/.exec(message.body);
  const signName = signed?.[1] ?? t.defaultSignName;
  const text = signed ? message.body.slice(signed[0].length) : message.body;
  const code = message.topic === 'auth.otp' ? /\b(\d{4,8})\b/.exec(text)?.[1] : undefined;
  if (code && t.codeTemplateCode) return { signName, templateCode: t.codeTemplateCode, kind: 'code', value: code };
  return { signName, templateCode: t.templateCode, kind: 'text', value: text };
};
