import { readablePrimary, type PublicTenant } from '@m4s/contracts';

const setMeta = (name: string, content: string) => {
  let meta = document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`);
  if (!meta) {
    meta = document.createElement('meta');
    meta.name = name;
    document.head.append(meta);
  }
  meta.content = content;
};

/**
 * One build serves every dealer group, so the colours are set at run time: antd-mobile reads
 * --adm-color-primary, our own styles read --brand-accent, the browser chrome reads theme-color.
 */
export const applyBranding = (tenant: PublicTenant) => {
  const root = document.documentElement.style;
  root.setProperty('--adm-color-primary', readablePrimary(tenant.primaryColor));
  root.setProperty('--brand-accent', tenant.accentColor);
  setMeta('theme-color', tenant.primaryColor);
  setMeta('apple-mobile-web-app-title', tenant.shortName);
  document.title = tenant.shortName;
};
