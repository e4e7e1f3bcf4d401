// The module-boundary lint rules (apps/server/lint/boundaries.mjs): each one catches its violation and accepts
// the allowed shape. ESLint's RuleTester runs under node:test; the cycle rule reads a fixture module tree
// written to a temporary directory, as it reads src/modules on a real run.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import plugin, { moduleGraph, specifiersOf } from '../lint/boundaries.mjs';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const tester = new RuleTester({
  languageOptions: { parser: tseslint.parser, ecmaVersion: 2023, sourceType: 'module' },
});
const rule = (name: string) => {
  const r = plugin.rules[name];
  if (!r) throw new Error(`no rule ${name}`);
  return r;
};

const root = mkdtempSync(path.join(os.tmpdir(), 'm4s-lint-'));
after(() => rmSync(root, { recursive: true, force: true }));
const modules = path.join(root, 'src', 'modules');
const at = (rel: string) => path.join(modules, rel);

describe('m4s/no-foreign-queries', () => {
  tester.run('no-foreign-queries', rule('no-foreign-queries'), {
    valid: [
      // The module's own SQL, another module's service, and files outside the modules.
      { code: "import * as q from './booking.queries.ts';", filename: at('booking/staff.service.ts') },
      { code: "import { getStore } from '../stores/stores.service.ts';", filename: at('staff/staff.service.ts') },
      { code: "import * as s from './gate.sql.ts';", filename: at('contact/gate.ts') },
      { code: "import { x } from '../platform/db/rows.ts';", filename: path.join(root, 'src', 'app.ts') },
    ],
    invalid: [
      {
        code: "import { findCustomer } from '../customers/customers.queries.ts';",
        filename: at('contact/contact.service.ts'),
        errors: [
          { messageId: 'foreign', data: { from: 'contact', to: 'customers', file: 'customers/customers.queries.ts' } },
        ],
      },
      {
        // Another module's SQL builders are as private as its queries; a re-export is an import too.
        code: "export { ruleSelection } from '../care/rule-sql.ts';\nimport * as g from '../contact/gate.sql.ts';",
        filename: at('segments/classify.ts'),
        errors: [{ messageId: 'foreign' }, { messageId: 'foreign' }],
      },
      {
        code: "const q = await import('../history/history.queries.ts');",
        filename: at('garage/garage.service.ts'),
        errors: [{ messageId: 'foreign' }],
      },
    ],
  });
});

describe('m4s/no-sql-in-routes', () => {
  tester.run('no-sql-in-routes', rule('no-sql-in-routes'), {
    valid: [
      {
        code: "import * as service from './segments.service.ts';\napp.get('/x', async (req) => service.list(req.ctx, req.query));",
        filename: at('segments/segments.routes.ts'),
      },
      // A service may hold SQL; only routes files are held to this rule.
      {
        code: "import { sql } from 'drizzle-orm';\nexport const f = (ctx) => ctx.db.execute(sql`select 1`);",
        filename: at('segments/segments.service.ts'),
      },
    ],
    invalid: [
      {
        code: "import { eq } from 'drizzle-orm';\nimport { customers } from '../../platform/db/schema/index.ts';",
        filename: at('segments/segments.routes.ts'),
        errors: [
          { messageId: 'dbImport', data: { spec: 'drizzle-orm' } },
          { messageId: 'dbImport', data: { spec: '../../platform/db/schema/index.ts' } },
        ],
      },
      {
        code: 'const rows = await ctx.db.select().from(t);\nawait req.ctx.sql.executeSql(sql`select 1`);',
        filename: at('imports/imports.routes.ts'),
        errors: [
          { messageId: 'handle', data: { what: 'ctx.db' } },
          { messageId: 'handle', data: { what: '.executeSql' } },
          { messageId: 'handle', data: { what: 'req.ctx.sql' } },
          { messageId: 'sqlTemplate' },
        ],
      },
    ],
  });
});

// A fixture module tree: a → b → c → a is a cycle (closed by c's import of a); d → a is not part of it.
// Test files and test kits are not part of the graph: b's test importing a's test kit closes nothing.
const write = (rel: string, text: string) => {
  mkdirSync(path.dirname(at(rel)), { recursive: true });
  writeFileSync(at(rel), text);
};
write('a/a.service.ts', "import { b } from '../b/b.service.ts';\nexport const a = () => b();\n");
write('b/b.service.ts', "import { c } from '../c/c.rules.ts';\nexport const b = () => c();\n");
write('c/c.rules.ts', "import { a } from '../a/a.service.ts';\nexport const c = () => 1;\n");
write('d/d.service.ts', "import { a } from '../a/a.service.ts';\n// import { x } from '../e/e.ts';\n");
write('e/e.service.ts', 'export const e = 1;\n');
write('e/e.test.ts', "import { d } from '../d/d.service.ts';\n");
write('d/test-kit.ts', "import { e } from '../e/e.service.ts';\n");

describe('m4s/no-module-cycle', () => {
  it('reads the module graph from the files (comments, tests and test kits left out)', () => {
    const graph = moduleGraph(modules);
    const edges = [...graph].flatMap(([from, to]) => [...to.keys()].map((t) => `${from}→${t}`)).sort();
    assert.deepEqual(edges, ['a→b', 'b→c', 'c→a', 'd→a']);
    assert.deepEqual(
      specifiersOf(
        "import a from './a.ts';\nexport * from '../b/b.ts';\nimport type { T } from \"./t.ts\";\nimport 'x';",
      ),
      ['./a.ts', '../b/b.ts', './t.ts'],
    );
  });

  tester.run('no-module-cycle', rule('no-module-cycle'), {
    valid: [
      // d → a is fine (nothing leads back to d); e → d would be too; a test may reach anywhere.
      { code: "import { a } from '../a/a.service.ts';", filename: at('d/d.service.ts') },
      { code: "import { d } from '../d/d.service.ts';", filename: at('e/e.service.ts') },
      { code: "import { b } from '../b/b.service.ts';", filename: at('c/c.test.ts') },
      { code: "import { c } from './c.rules.ts';", filename: at('c/c.service.ts') },
    ],
    invalid: [
      {
        code: "import { a } from '../a/a.service.ts';",
        filename: at('c/c.rules.ts'),
        errors: [
          {
            messageId: 'cycle',
            data: {
              cycle: 'c → a → b → c',
              evidence: 'a/a.service.ts imports b/b.service.ts; b/b.service.ts imports c/c.rules.ts',
            },
          },
        ],
      },
      {
        // A new edge from another file of the module closes the same cycle.
        code: "export { b } from '../b/b.service.ts';",
        filename: at('a/a.more.ts'),
        errors: [
          {
            messageId: 'cycle',
            data: {
              cycle: 'a → b → c → a',
              evidence: 'b/b.service.ts imports c/c.rules.ts; c/c.rules.ts imports a/a.service.ts',
            },
          },
        ],
      },
    ],
  });
});

describe('m4s/no-row-cast', () => {
  tester.run('no-row-cast', rule('no-row-cast'), {
    valid: [
      { code: 'const rows = parseRows(row, await ctx.sql.executeSql(text));', filename: at('a/a.queries.ts') },
      {
        code: 'const n = oneRow(count, res).n;\nconst x = y as string;\nconst all = list as Row[];',
        filename: at('a/a.queries.ts'),
      },
    ],
    invalid: [
      {
        code: 'const { rows } = await ctx.sql.executeSql(t);\nconst id = rows[0]?.id as string;',
        filename: at('a/a.queries.ts'),
        errors: [{ messageId: 'cast' }],
      },
      {
        code: 'const id = res.rows[0]?.id as string;',
        filename: at('a/a.queries.ts'),
        errors: [{ messageId: 'cast' }],
      },
      {
        code: 'const all = (await ctx.sql.executeSql(t)).rows as Row[];',
        filename: at('a/a.queries.ts'),
        errors: [{ messageId: 'cast' }],
      },
      {
        code: 'const { rows } = await ctx.sql.executeSql(t);\nreturn rows as Row[];',
        filename: at('a/a.queries.ts'),
        errors: [{ messageId: 'cast' }],
      },
      { code: 'const one = <Row>res.rows[0];', filename: at('a/a.queries.ts'), errors: [{ messageId: 'cast' }] },
    ],
  });
});
