import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lockDataDir } from './open.ts';

describe('one process per embedded data directory', () => {
  test('a directory held by a live process is refused; a lock left by a dead one is taken over', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'm4s-lock-'));
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      writeFileSync(join(dir, 'm4s.lock'), String(other.pid));
      await assert.rejects(lockDataDir(dir), /in use by process/);
      other.kill();
      await new Promise((r) => other.once('exit', r));
      const unlock = await lockDataDir(dir);
      assert.equal(readFileSync(join(dir, 'm4s.lock'), 'utf8'), String(process.pid));
      await unlock();
      assert.equal(existsSync(join(dir, 'm4s.lock')), false);
    } finally {
      other.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
