import type { PublicTenant } from '@m4s/contracts';
import { encodePng, hexToRgb, type Rgb } from './png.ts';

/**
 * The tenant's app icon: its primary colour with a white steering-wheel mark and an accent hub — drawn
 * per tenant so every dealer group's installed app looks like its own.
 */
export const ownerIconPng = (tenant: Pick<PublicTenant, 'primaryColor' | 'accentColor'>, size: number): Buffer => {
  const bg = hexToRgb(tenant.primaryColor);
  const accent = hexToRgb(tenant.accentColor);
  const white: Rgb = [255, 255, 255];
  const c = size / 2;
  return encodePng(size, (x, y) => {
    const dx = x + 0.5 - c;
    const dy = y + 0.5 - c;
    const r = Math.hypot(dx, dy) / size;
    if (r > 0.27 && r < 0.33) return white;
    if (r < 0.08) return accent;
    const spoke = (Math.abs(dx) < size * 0.03 && dy > 0) || (Math.abs(dy) < size * 0.03 && r < 0.3);
    return spoke && r < 0.3 ? white : bg;
  });
};

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (ch) => `&#${ch.charCodeAt(0)};`);

export const ownerIconSvg = (tenant: Pick<PublicTenant, 'primaryColor' | 'shortName'>): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><rect width="512" height="512" rx="96" fill="${tenant.primaryColor}"/>` +
  `<text x="256" y="330" font-size="240" text-anchor="middle" fill="#fff" font-family="sans-serif">${escapeXml([...tenant.shortName][0] ?? 'M')}</text></svg>`;

export const ownerManifest = (slug: string, tenant: PublicTenant) => ({
  name: tenant.name,
  short_name: tenant.shortName,
  description: `${tenant.name} 车主服务`,
  lang: 'zh-CN',
  start_url: `/o/${slug}/`,
  scope: `/o/${slug}/`,
  display: 'standalone',
  background_color: '#ffffff',
  theme_color: tenant.primaryColor,
  icons: [
    { src: 'icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any maskable' },
    { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml' },
  ],
});
