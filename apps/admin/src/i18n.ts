import { createI18n } from '@m4s/web-kit';
import { zhCN } from './messages/zh-cn.ts';
import { en } from './messages/en.ts';

export type MessageKey = keyof typeof zhCN;

export const { I18nProvider, useI18n } = createI18n({ 'zh-CN': zhCN, en });

/** For keys built at run time (an audit action, a zod message): only those the dictionary knows. */
export const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(zhCN, key);
