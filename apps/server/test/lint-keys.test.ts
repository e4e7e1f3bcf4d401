// keys/no-shadowed-spread-key (scripts/lint/unique-keys.mjs): a message key that two spread parts of a
// catalogue both define is reported, naming both parts; distinct keys pass. The rule is type-aware, so the
// fixture is a small TypeScript project in a temporary directory, linted by ESLint as `npm run lint` does.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import keys from '../../../scripts/lint/unique-keys.mjs';

const root = mkdtempSync(path.join(os.tmpdir(), 'm4s-keys-'));
after(() => rmSync(root, { recursive: true, force: true }));
writeFileSync(
  path.join(root, 'tsconfig.json'),
  JSON.stringify({
    compilerOptions: {
      strict: true,
      module: 'esnext',
      target: 'es2022',
      allowImportingTsExtensions: true,
      noEmit: true,
    },
    include: ['*.ts'],
  }),
);
writeFileSync(
  path.join(root, 'visits.ts'),
  "export const visitsZhCN = { 'checkIn.title': '接车登记', 'visit.stage': '进度' };\n",
);
writeFileSync(
  path.join(root, 'events.ts'),
  "export const eventsZhCN = { 'checkIn.title': '活动签到', 'event.title': '活动' };\n",
);

const lint = async (code: string) => {
  writeFileSync(path.join(root, 'i18n.ts'), code);
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: root } },
        plugins: { keys },
        rules: { 'keys/no-shadowed-spread-key': 'error' },
      },
    ],
  });
  const [result] = await eslint.lintFiles(['i18n.ts']);
  return result?.messages.map((m) => m.message) ?? [];
};

const imports = "import { visitsZhCN } from './visits.ts';\nimport { eventsZhCN } from './events.ts';\n";

void test('a key two spread parts define is reported with both parts named; distinct parts pass', async () => {
  assert.deepEqual(await lint(`${imports}export const zhCN = { ...visitsZhCN, ...eventsZhCN };\n`), [
    "'checkIn.title' is defined by both ...visitsZhCN and ...eventsZhCN; the later silently wins. Rename one.",
  ]);
  assert.deepEqual(await lint(`${imports}export const zhCN = { ...visitsZhCN, 'event.title': '活动' };\n`), []);
  assert.deepEqual(await lint(`${imports}export const zhCN = { ...visitsZhCN, 'visit.stage': '进度' };\n`), [
    "'visit.stage' is defined by both ...visitsZhCN and an own property; the later silently wins. Rename one.",
  ]);
});
