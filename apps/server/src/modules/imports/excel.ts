import { createRequire } from 'node:module';
import { dirname, sep } from 'node:path';
import type * as ExcelTypes from 'exceljs';

/**
 * ExcelJS, with its streaming reader fixed for Chinese text. ExcelJS 4.4 decodes every chunk of a
 * sheet's XML on its own (utils/parse-sax.js), so a character whose UTF-8 bytes straddle two chunks
 * comes out as "��" — in a real 20,000-row DMS export, a few plates and names per file. The fix keeps
 * one streaming TextDecoder per parse. ExcelJS's readers take parse-sax when they load (ExcelJS has no
 * lazy requires), so this module loads a private copy of ExcelJS with the fixed parse-sax in place, then
 * puts the module cache back as it was: whoever else loaded or loads 'exceljs' keeps their own copy.
 * Read spreadsheets with the ExcelJS from here.
 */
const require = createRequire(import.meta.url);
const root = dirname(require.resolve('exceljs/package.json'));
const ours = (key: string) => key.startsWith(root + sep);
const before = Object.entries(require.cache).filter(([key]) => ours(key));
for (const [key] of before) delete require.cache[key];

const parseSaxPath = require.resolve('exceljs/lib/utils/parse-sax.js');
const fromExcel = createRequire(parseSaxPath);
const { SaxesParser } = fromExcel('saxes') as typeof import('saxes');
const { PassThrough } = fromExcel('readable-stream') as typeof import('node:stream');

type SaxEvent = { eventType: 'opentag' | 'text' | 'closetag'; value: unknown };

export async function* parseSax(input: AsyncIterable<Buffer | string> & { pipe?: unknown }) {
  const iterable =
    typeof input.pipe === 'function' && !(Symbol.asyncIterator in input)
      ? (input as unknown as NodeJS.ReadableStream).pipe(new PassThrough())
      : input;
  const parser = new SaxesParser();
  const decoder = new TextDecoder('utf-8');
  let error: Error | undefined;
  let events: SaxEvent[] = [];
  parser.on('error', (e) => (error = e));
  parser.on('opentag', (value) => events.push({ eventType: 'opentag', value }));
  parser.on('text', (value) => events.push({ eventType: 'text', value }));
  parser.on('closetag', (value) => events.push({ eventType: 'closetag', value }));
  for await (const chunk of iterable as AsyncIterable<Buffer | string>) {
    parser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    if (error) throw error;
    yield events;
    events = [];
  }
  const rest = decoder.decode();
  if (rest) {
    parser.write(rest);
    if (error) throw error;
    yield events;
  }
}

require(parseSaxPath);
const cached = require.cache[parseSaxPath];
if (!cached) throw new Error('exceljs parse-sax did not load');
cached.exports = parseSax;

const ExcelJS = require('exceljs') as typeof ExcelTypes;
for (const key of Object.keys(require.cache)) if (ours(key)) delete require.cache[key];
for (const [key, module] of before) require.cache[key] = module;

export default ExcelJS;
