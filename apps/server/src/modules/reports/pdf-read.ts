// Reads a PDF written by pdfkit back (tests and the benchmark): its page count, the fonts it embeds and its
// text, decoded through each font's ToUnicode map — enough to check a report's figures without a PDF library.
import { inflateSync } from 'node:zlib';

const streams = (pdf: Buffer) => {
  const out: { dict: string; data: Buffer }[] = [];
  const bin = pdf.toString('latin1');
  const re = /<<((?:[^<>]|<<(?:[^<>]|<<[^<>]*>>)*>>|<[^<>]*>)*)>>\s*stream\r?\n/g;
  for (let m = re.exec(bin); m; m = re.exec(bin)) {
    const start = m.index + m[0].length;
    const end = bin.indexOf('endstream', start);
    const raw = pdf.subarray(start, end);
    const data = m[1]!.includes('/FlateDecode') ? inflateSync(raw) : raw;
    out.push({ dict: m[1]!, data });
  }
  return out;
};

/** Glyph id → text, from every ToUnicode CMap in the file (pdfkit writes bfrange arrays). */
const glyphMap = (cmaps: string[]) => {
  const map = new Map<number, string>();
  for (const c of cmaps)
    for (const m of c.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*\[([^\]]*)\]/gi)) {
      const from = parseInt(m[1]!, 16);
      [...m[3]!.matchAll(/<([0-9a-f]*)>/gi)].forEach((u, i) => {
        const hex = u[1]!;
        const codes: number[] = [];
        for (let k = 0; k < hex.length; k += 4) codes.push(parseInt(hex.slice(k, k + 4), 16));
        map.set(from + i, String.fromCharCode(...codes));
      });
    }
  return map;
};

export const readPdf = (pdf: Buffer) => {
  const bin = pdf.toString('latin1');
  const all = streams(pdf);
  const cmaps = all.filter((s) => s.data.includes('begincmap')).map((s) => s.data.toString('latin1'));
  const map = glyphMap(cmaps);
  const lines: string[] = [];
  for (const s of all) {
    const content = s.data.toString('latin1');
    if (!content.includes('BT')) continue;
    for (const tj of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      let text = '';
      for (const h of tj[1]!.matchAll(/<([0-9a-f]+)>/gi))
        for (let k = 0; k < h[1]!.length; k += 4) text += map.get(parseInt(h[1]!.slice(k, k + 4), 16)) ?? '';
      lines.push(text);
    }
  }
  return {
    pages: Number(/\/Type \/Pages[\s\S]*?\/Count (\d+)/.exec(bin)?.[1] ?? 0),
    fonts: [...bin.matchAll(/\/FontName \/([A-Z]{6}\+[\w-]+)/g)].map((m) => m[1]!),
    text: lines.join('\n'),
  };
};
