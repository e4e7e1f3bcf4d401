// The tenant's audit log speaks the manager's language: every action code the server writes is one of contracts'
// `auditActions` (the type of `audit()`'s parameter), and each has a label in both of the admin console's message
// files, which the 审计日志 page shows instead of the code. This test is the runtime side of that type check:
// it reads the source for the codes actually written and the message files for their labels.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { auditActions } from '@m4s/contracts';
import { zhCN } from '../../admin/src/messages/zh-cn.ts';
import { en } from '../../admin/src/messages/en.ts';

const src = path.join(import.meta.dirname, '..', 'src');
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) return sources(abs);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [abs] : [];
  });

/**
 * The `action` of every `audit(ctx, { action: … })` call (not `operatorAudit`, the operator's own log), as a
 * pattern: a literal is itself, a template such as `visit.line_${decision}` stands for any code it can make,
 * and each quoted code in a conditional (`a ? 'x' : 'y'`) counts on its own.
 */
const writtenActions = (): { file: string; pattern: RegExp; text: string }[] => {
  const found: { file: string; pattern: RegExp; text: string }[] = [];
  for (const file of sources(src)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?<![\w.])audit\(\s*\w+,\s*\{\s*(?:\/\/[^\n]*\n\s*)*action:\s*([^,\n]+)/g)) {
      const expr = m[1]!;
      const rel = path.relative(src, file);
      // In `cond ? 'x' : 'y'` the codes are the branches, not what the condition compares.
      const quoted = [...expr.slice(expr.indexOf('?') + 1).matchAll(/'([^']+)'/g)].map((q) => q[1]!);
      const template = /`([^`]+)`/.exec(expr)?.[1];
      if (template) {
        const re = template
          .split(/\$\{[^}]+\}/)
          .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('[a-z_]+');
        found.push({ file: rel, pattern: new RegExp(`^${re}$`), text: template });
      } else if (quoted.length > 0) {
        for (const q of quoted) found.push({ file: rel, pattern: new RegExp(`^${q.replace(/\./g, '\\.')}$`), text: q });
      } else {
        assert.fail(`${rel}: cannot read the audit action ${expr}; write a code or a template of codes`);
      }
    }
  }
  return found;
};

void describe('audit action labels', () => {
  const written = writtenActions();

  void it('finds the audit() calls in the source', () => {
    assert.ok(written.length > 50, `only ${written.length} audit() calls found; the scan is broken`);
    assert.ok(written.some((w) => w.text === 'visit.delivered'));
    assert.ok(written.some((w) => w.text.startsWith('vehicle_binding.$')));
  });

  void it('every code written is listed in contracts, and every listed code is written', () => {
    const listed: readonly string[] = auditActions;
    for (const w of written)
      assert.ok(
        listed.some((a) => w.pattern.test(a)),
        `${w.file} writes '${w.text}', which contracts' auditActions does not list`,
      );
    const unused = listed.filter((a) => !written.some((w) => w.pattern.test(a)));
    assert.deepEqual(unused, [], 'auditActions lists codes no audit() call writes');
    assert.equal(new Set(listed).size, listed.length, 'auditActions lists a code twice');
  });

  void it('every action has a zh-CN and an English label in the admin console', () => {
    const messages: Record<string, Record<string, string>> = { 'zh-CN': zhCN, en };
    const missing = Object.entries(messages).flatMap(([locale, m]) =>
      auditActions.filter((a) => !m[`action.${a}`]?.trim()).map((a) => `${locale}: action.${a}`),
    );
    assert.deepEqual(missing, [], 'audit actions without a label (the 审计日志 page would show the raw code)');
  });

  void it('labels no code the server never writes to the tenant log', () => {
    const listed = new Set<string>(auditActions);
    const stale = [...Object.keys(zhCN), ...Object.keys(en)]
      .filter((k) => k.startsWith('action.') && !listed.has(k.slice('action.'.length)))
      .sort();
    assert.deepEqual([...new Set(stale)], []);
  });
});
