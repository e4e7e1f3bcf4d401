import QRCode from 'qrcode';
import { readablePrimary } from '@m4s/contracts';
import type { BrandInput } from './input.ts';
import { escapeXml, iconPng } from './marks.ts';

/**
 * The install QR code (the owner app's link, drawn by `qrcode`) and the printable install poster: an A4 SVG with
 * the group's name, the code and three steps in zh-CN. The poster's text is text (the printer's or browser's CJK
 * font draws it), so it prints sharp at any size and needs no font shipped with the server.
 */

const qrOptions = { margin: 2, errorCorrectionLevel: 'M', color: { dark: '#000000', light: '#ffffff' } } as const;

export const installQrPng = (input: BrandInput): Promise<Buffer> =>
  QRCode.toBuffer(input.installUrl, { ...qrOptions, type: 'png', width: 1024 });

export const installQrSvg = (input: BrandInput): Promise<string> =>
  QRCode.toString(input.installUrl, { ...qrOptions, type: 'svg' });

const font = `'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei','Heiti SC',sans-serif`;

/** The three steps an owner follows, in the order the poster numbers them. */
export const installSteps = (shortName: string) => [
  '用手机相机扫描上方二维码，在浏览器中打开车主服务（微信中请点右上角，选择“在浏览器打开”）。',
  'iPhone：点 Safari 底部的“分享”，选择“添加到主屏幕”；安卓：点浏览器菜单，选择“安装应用”或“添加到主屏幕”。',
  `在手机桌面点开“${shortName}”，用手机号和短信验证码登录，预约保养、查看维修档案、联系专属顾问。`,
];

/** Splits a line of CJK text into rows of at most `per` characters (the poster has no text layout engine). */
const rows = (text: string, per: number): string[] => {
  const chars = [...text];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += per) out.push(chars.slice(i, i + per).join(''));
  return out;
};

/** Text rows as <tspan>s under one <text>, `lead` apart. */
const textRows = (lines: string[], x: number, y: number, size: number, lead: number, attrs: string) =>
  `<text x="${x}" y="${y}" font-size="${size}" font-family="${font}" ${attrs}>` +
  lines.map((l, i) => `<tspan x="${x}" dy="${i === 0 ? 0 : lead}">${escapeXml(l)}</tspan>`).join('') +
  `</text>`;

/** The A4 poster (210 × 297 mm; one user unit is 0.1 mm). */
export const installPosterSvg = async (input: BrandInput): Promise<string> => {
  const band = readablePrimary(input.primaryColor);
  const icon = (await iconPng(input, 512)).toString('base64');
  const qr = (await installQrSvg(input)).replace('<svg ', '<svg x="600" y="1010" width="900" height="900" ');
  const nameSize = Math.min(120, Math.floor(1800 / Math.max(1, [...input.name].length)));
  const steps = installSteps(input.shortName)
    .map((step, i) => {
      const y = 2180 + i * 230;
      return (
        `<circle cx="250" cy="${y - 22}" r="48" fill="${band}"/>` +
        `<text x="250" y="${y}" font-size="60" font-weight="bold" text-anchor="middle" fill="#fff" font-family="${font}">${i + 1}</text>` +
        textRows(rows(step, 28), 340, y, 52, 70, 'fill="#1f1f1f"')
      );
    })
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="297mm" viewBox="0 0 2100 2970">` +
    `<title>${escapeXml(`${input.name} 车主服务安装海报`)}</title>` +
    `<rect width="2100" height="2970" fill="#fff"/>` +
    `<rect width="2100" height="720" fill="${band}"/>` +
    `<clipPath id="r"><rect x="890" y="90" width="320" height="320" rx="64"/></clipPath>` +
    `<image x="890" y="90" width="320" height="320" clip-path="url(#r)" href="data:image/png;base64,${icon}"/>` +
    `<text x="1050" y="590" font-size="${nameSize}" font-weight="bold" text-anchor="middle" fill="#fff" font-family="${font}">${escapeXml(input.name)}</text>` +
    `<text x="1050" y="900" font-size="88" font-weight="bold" text-anchor="middle" fill="#1f1f1f" font-family="${font}">${escapeXml(`扫码安装“${input.shortName}”车主服务`)}</text>` +
    `<rect x="560" y="970" width="980" height="980" rx="24" fill="#fff" stroke="${band}" stroke-width="8"/>${qr}` +
    `<text x="1050" y="2040" font-size="40" text-anchor="middle" fill="#434343" font-family="monospace">${escapeXml(input.installUrl)}</text>` +
    steps +
    `<text x="1050" y="2880" font-size="40" text-anchor="middle" fill="#595959" font-family="${font}">预约保养 · 维修档案 · 会员权益</text>` +
    `</svg>`
  );
};
