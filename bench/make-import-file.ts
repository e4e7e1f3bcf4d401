// `node --import tsx bench/make-import-file.ts <path> <rows>`: the benchmark's DMS customer file, streamed.
import { makeCustomersXlsx } from '../samples/dms/make-samples.ts';

const [path, rows] = [process.argv[2], Number(process.argv[3])];
if (!path || !Number.isInteger(rows)) throw new Error('usage: make-import-file.ts <path> <rows>');
await makeCustomersXlsx(path, rows);
