// The dealer's brand colour as the owner app can show it (issue 17, accessibility): shared with the browser
// tests, which check the app is branded with it.

const channel = (c: number) => {
  const v = c / 255;
  return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
};
const luminance = (rgb: number[]) =>
  0.2126 * channel(rgb[0] ?? 0) + 0.7152 * channel(rgb[1] ?? 0) + 0.0722 * channel(rgb[2] ?? 0);
const contrast = (a: number[], b: number[]) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
};
/** The page's grey (base.css --page-bg): the lightest background the brand colour is written on. */
const pageGrey = [0xf4, 0xf5, 0xf7];

/**
 * The dealer's colour, darkened just enough to be read (WCAG AA, 4.5:1) as text on the page's grey and on its
 * own light tint, and as the background of white text — links, outline buttons, the header. A colour that already is stays as it is.
 */
export const readablePrimary = (hex: string): string => {
  let rgb = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  if (rgb.some((c) => Number.isNaN(c))) return hex;
  // Also on its own 10% tint over white (antd-mobile's selected chips and soft backgrounds).
  const tint = (c: number[]) => c.map((v) => Math.round(v * 0.1 + 255 * 0.9));
  const readable = (c: number[]) => contrast(c, pageGrey) >= 4.5 && contrast(c, tint(c)) >= 4.5;
  for (let step = 0; step < 40 && !readable(rgb); step++) rgb = rgb.map((c) => Math.floor(c * 0.95));
  return `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
};
