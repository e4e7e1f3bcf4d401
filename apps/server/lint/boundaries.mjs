// The server's module boundaries as ESLint rules (plugin `m4s`, wired in eslint.config.js; ARCHITECTURE.md
// "Boundaries a linter holds"). A module is a directory under apps/server/src/modules/; the rules find it from
// the linted file's path, so they work the same on the repository and on a test's fixture directory.
//
//   m4s/no-foreign-queries   a module's SQL files (*.queries.ts, *.sql.ts, *-sql.ts) are its own: another
//                            module goes through the owner's service (or a function the service exports)
//   m4s/no-sql-in-routes     a *.routes.ts file holds no SQL and no database handle
//   m4s/no-module-cycle      the module graph (a → b when a file of a imports a file of b) has no cycle
//   m4s/no-row-cast          raw rows (`….rows`) are parsed by platform/db/rows.ts, never cast with `as`
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const modulesDirRe = /^(.*[\\/]src[\\/]modules)[\\/]([^\\/]+)[\\/]/;

/** `{ modulesDir, module }` for a file inside src/modules/<module>/, otherwise null. */
const moduleOf = (file) => {
  const m = modulesDirRe.exec(file);
  return m ? { modulesDir: m[1], module: m[2] } : null;
};

/** Test files and test kits set up worlds across modules; they are not part of the module graph. */
const isTestFile = (file) => /\.test\.ts$/.test(file) || /(^|[\\/])test-kit\.ts$/.test(file);

/** The absolute path a relative specifier names (bare package names stay null). */
const resolve = (fromFile, spec) => (spec.startsWith('.') ? path.resolve(path.dirname(fromFile), spec) : null);

const isSqlFile = (file) => /(\.queries|\.sql|-sql)\.ts$/.test(file);

/** Every static `import … from`, `export … from`, `import '…'` and `import('…')` in one module. */
const importSources = (node) => {
  switch (node.type) {
    case 'ImportDeclaration':
    case 'ExportAllDeclaration':
    case 'ExportNamedDeclaration':
    case 'ImportExpression':
      return node.source && node.source.type === 'Literal' && typeof node.source.value === 'string'
        ? node.source.value
        : null;
    default:
      return null;
  }
};

const importVisitors = (onImport) => {
  const visit = (node) => {
    const spec = importSources(node);
    if (spec !== null) onImport(node, spec);
  };
  return {
    ImportDeclaration: visit,
    ExportAllDeclaration: visit,
    ExportNamedDeclaration: visit,
    ImportExpression: visit,
  };
};

// ── no-foreign-queries ───────────────────────────────────────────────────────────────────────────────

const noForeignQueries = {
  meta: {
    type: 'problem',
    docs: { description: "No import of another module's *.queries.ts / *.sql.ts: go through its service." },
    schema: [],
    messages: {
      foreign:
        "Module '{{from}}' imports '{{file}}', module '{{to}}''s SQL: use a function {{to}}'s service exports instead.",
    },
  },
  create(context) {
    const here = moduleOf(context.filename);
    if (!here) return {};
    return importVisitors((node, spec) => {
      const target = resolve(context.filename, spec);
      if (!target || !isSqlFile(target)) return;
      const there = moduleOf(target);
      if (!there || there.modulesDir !== here.modulesDir || there.module === here.module) return;
      context.report({
        node: node.source,
        messageId: 'foreign',
        data: { from: here.module, to: there.module, file: `${there.module}/${path.basename(target)}` },
      });
    });
  },
};

// ── no-sql-in-routes ─────────────────────────────────────────────────────────────────────────────────

const dbDirRe = /[\\/]src[\\/]platform[\\/]db([\\/]|$)/;
const handleProps = new Set(['db', 'sql']);
/** `ctx`, `tx`, `req.ctx`, `s` (a system context)…: what carries a transaction handle in this code base. */
const isContext = (node) =>
  (node.type === 'Identifier' && /^(ctx|tx|s)$/.test(node.name)) ||
  (node.type === 'MemberExpression' &&
    !node.computed &&
    node.property.type === 'Identifier' &&
    node.property.name === 'ctx');

const noSqlInRoutes = {
  meta: {
    type: 'problem',
    docs: { description: 'A *.routes.ts file holds no SQL and no database handle: that is the service’s job.' },
    schema: [],
    messages: {
      dbImport: "Routes import '{{spec}}': SQL and database handles belong in the module's service and queries.",
      sqlTemplate: 'Routes build SQL (sql`…`): move the statement into the module’s queries file.',
      handle: 'Routes use the database handle `{{what}}`: call a service function instead.',
    },
  },
  create(context) {
    if (!/\.routes\.ts$/.test(context.filename)) return {};
    return {
      ...importVisitors((node, spec) => {
        const target = resolve(context.filename, spec);
        const isDrizzle = spec === 'drizzle-orm' || spec.startsWith('drizzle-orm/');
        if (isDrizzle || (target && dbDirRe.test(target)))
          context.report({ node: node.source, messageId: 'dbImport', data: { spec } });
      }),
      TaggedTemplateExpression(node) {
        const tag = node.tag.type === 'MemberExpression' ? node.tag.object : node.tag;
        if (tag.type === 'Identifier' && tag.name === 'sql') context.report({ node, messageId: 'sqlTemplate' });
      },
      MemberExpression(node) {
        if (node.computed || node.property.type !== 'Identifier') return;
        const name = node.property.name;
        const what =
          name === 'executeSql'
            ? '.executeSql'
            : handleProps.has(name) && isContext(node.object)
              ? `${context.sourceCode.getText(node.object)}.${name}`
              : null;
        if (what) context.report({ node, messageId: 'handle', data: { what } });
      },
    };
  },
};

// ── no-module-cycle ──────────────────────────────────────────────────────────────────────────────────

const specRe =
  /(?:^|[;\s}])(?:import|export)\s[^;]*?\sfrom\s*['"]([^'"]+)['"]|\bimport\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The relative specifiers one file imports, read from its text (comments stripped first). */
export const specifiersOf = (text) => {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const out = [];
  for (const m of code.matchAll(specRe)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (spec && spec.startsWith('.')) out.push(spec);
  }
  return out;
};

const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : walk(abs);
    return /\.tsx?$/.test(e.name) ? [abs] : [];
  });

/**
 * The module graph of one modules directory: Map<from, Map<to, evidence>>, evidence being the first
 * "file imports file" line seen for that edge. Read once and kept for a few seconds, so one `eslint .`
 * reads each module file once while an editor's long-lived server still sees edits.
 */
const graphs = new Map();
const graphTtlMs = 5_000;

export const moduleGraph = (modulesDir) => {
  const cached = graphs.get(modulesDir);
  if (cached && Date.now() - cached.at < graphTtlMs) return cached.graph;
  const graph = new Map();
  for (const file of walk(modulesDir)) {
    if (isTestFile(file)) continue;
    const from = moduleOf(file)?.module;
    if (!from) continue;
    if (!graph.has(from)) graph.set(from, new Map());
    for (const spec of specifiersOf(readFileSync(file, 'utf8'))) {
      const target = resolve(file, spec);
      const there = moduleOf(target);
      if (!there || there.modulesDir !== modulesDir || there.module === from) continue;
      const edges = graph.get(from);
      if (!edges.has(there.module))
        edges.set(there.module, `${path.relative(modulesDir, file)} imports ${path.relative(modulesDir, target)}`);
    }
  }
  graphs.set(modulesDir, { at: Date.now(), graph });
  return graph;
};

/** The shortest path start → … → goal in the graph (breadth first), or null. */
const shortestPath = (graph, start, goal) => {
  const prev = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const at = queue.shift();
    if (at === goal) {
      const out = [];
      for (let n = goal; n !== null; n = prev.get(n)) out.unshift(n);
      return out;
    }
    for (const next of graph.get(at)?.keys() ?? []) {
      if (prev.has(next)) continue;
      prev.set(next, at);
      queue.push(next);
    }
  }
  return null;
};

const noModuleCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'The module graph under src/modules has no cycle.' },
    schema: [],
    messages: {
      cycle:
        'This import closes the module cycle {{cycle}} ({{evidence}}): break one of its edges (move the shared code down, or invert it).',
    },
  },
  create(context) {
    const here = moduleOf(context.filename);
    if (!here || isTestFile(context.filename)) return {};
    const seen = new Set();
    return importVisitors((node, spec) => {
      const target = resolve(context.filename, spec);
      const there = target && moduleOf(target);
      if (!there || there.modulesDir !== here.modulesDir || there.module === here.module) return;
      const graph = moduleGraph(here.modulesDir);
      const back = shortestPath(graph, there.module, here.module);
      if (!back) return;
      const cycle = [here.module, ...back];
      const evidence = back
        .slice(0, -1)
        .map((from, i) => graph.get(from)?.get(back[i + 1]))
        .filter(Boolean)
        .join('; ');
      const key = `${node.range[0]}`;
      if (seen.has(key)) return;
      seen.add(key);
      context.report({ node: node.source, messageId: 'cycle', data: { cycle: cycle.join(' → '), evidence } });
    });
  },
};

// ── no-row-cast ──────────────────────────────────────────────────────────────────────────────────────

/**
 * Whether an expression reads raw rows: `x.rows`, `x.rows[0]`, `x.rows[0]?.id`, `(await …).rows`, and the
 * destructured `rows` of `const { rows } = await ….executeSql(…)` (`rows as T[]`, `rows[0]?.id`).
 */
const readsRows = (node) => {
  let n = node;
  while (n) {
    if (n.type === 'ChainExpression' || n.type === 'TSNonNullExpression') n = n.expression;
    else if (n.type === 'MemberExpression') {
      if (!n.computed && n.property.type === 'Identifier' && n.property.name === 'rows') return true;
      n = n.object;
    } else return n.type === 'Identifier' && n.name === 'rows';
  }
  return false;
};

const noRowCast = {
  meta: {
    type: 'problem',
    docs: { description: 'Raw SQL rows are parsed (platform/db/rows.ts), not cast with `as`.' },
    schema: [],
    messages: {
      cast: 'Raw rows are cast by hand: parse them with parseRows/oneRow (platform/db/rows.ts) and a zod row schema.',
    },
  },
  create(context) {
    const check = (node) => {
      if (readsRows(node.expression)) context.report({ node, messageId: 'cast' });
    };
    return { TSAsExpression: check, TSTypeAssertion: check };
  },
};

export default {
  meta: { name: 'm4s' },
  rules: {
    'no-foreign-queries': noForeignQueries,
    'no-sql-in-routes': noSqlInRoutes,
    'no-module-cycle': noModuleCycle,
    'no-row-cast': noRowCast,
  },
};
