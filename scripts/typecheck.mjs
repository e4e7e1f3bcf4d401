// `npm run typecheck`: tsc over every project that has a tsconfig.json, two at a time (CI has two cores).
// Exit code 1 when any project has a type error.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { localBin, repoRoot, run, seconds } from './lib/proc.mjs';

export const typecheckProjects = [
  'packages/contracts',
  'packages/web-kit',
  'apps/server',
  'apps/admin',
  'apps/advisor',
  'apps/owner',
  'e2e',
  'bench',
];

/** Returns { ok, checked: [...], failed: [...], absent: [...] }. Output of each tsc is printed whole, in order. */
export const typecheck = async ({ projects = typecheckProjects, parallel = 2 } = {}) => {
  const tsc = localBin('tsc');
  const result = { ok: true, checked: [], failed: [], absent: [] };
  if (tsc === null) {
    console.error('typecheck: node_modules/.bin/tsc not found; run npm install');
    return { ...result, ok: false };
  }
  const present = projects.filter((dir) => {
    if (existsSync(path.join(repoRoot, dir, 'tsconfig.json'))) return true;
    console.log(`typecheck ${dir}: no tsconfig.json yet, skipped`);
    result.absent.push(dir);
    return false;
  });
  const outcomes = new Array(present.length);
  let next = 0;
  const worker = async () => {
    while (next < present.length) {
      const i = next++;
      const dir = present[i];
      const started = Date.now();
      const { code, output } = await run(tsc, ['-p', path.join(dir, 'tsconfig.json'), '--pretty', 'false'], {
        capture: true,
        quiet: true,
        timeoutMs: 5 * 60_000,
      });
      outcomes[i] = { dir, code, output, took: seconds(started) };
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, parallel) }, worker));
  for (const { dir, code, output, took } of outcomes) {
    console.log(`typecheck ${dir}: ${code === 0 ? 'ok' : 'FAILED'} (${took})`);
    if (output.trim() !== '') process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
    (code === 0 ? result.checked : result.failed).push(dir);
  }
  result.ok = result.failed.length === 0;
  return result;
};

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  const { ok } = await typecheck();
  process.exitCode = ok ? 0 : 1;
}
