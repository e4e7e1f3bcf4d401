import { useSharedI18n, type Messages } from '../i18n.ts';

// The texts of the shared mobile components; each mobile app spreads these into its own dictionary.
const zhCN = {
  'app.loading': '正在加载…',
  'app.loadFailed': '网络不给力',
  'app.loadFailedHint': '暂时无法连接服务器，请检查网络后重试。',
  'app.retry': '重新加载',
  'signIn.submit': '登录',
  'signIn.submitting': '登录中…',
};

export type MobileMessageKey = keyof typeof zhCN;

export const mobileMessages: Messages<typeof zhCN> = {
  'zh-CN': zhCN,
  en: {
    'app.loading': 'Loading…',
    'app.loadFailed': 'Connection problem',
    'app.loadFailedHint': 'We cannot reach the server right now. Please check your network and try again.',
    'app.retry': 'Reload',
    'signIn.submit': 'Sign in',
    'signIn.submitting': 'Signing in…',
  },
};

export const useMobileI18n = () => useSharedI18n<MobileMessageKey>();
