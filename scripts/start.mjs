// `npm start`: installs what is missing, builds the web apps that changed, then runs the server in the
// foreground. The server migrates, seeds the demo on first run and prints its URLs; settings come from the
// environment (PORT, DATA_DIR, DATABASE_URL, ... — see apps/server/src/config.ts).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { buildApps } from './build.mjs';
import { ensureNodeModules } from './ensure.mjs';
import { repoRoot } from './lib/proc.mjs';

if (!(await ensureNodeModules())) process.exit(1);
const built = await buildApps();
if (!built.ok) {
  console.error('start: a web app failed to build; fix it (or run `npm run build` to see why) and start again');
  process.exit(1);
}

const server = spawn(process.execPath, ['--import', 'tsx', path.join('apps', 'server', 'src', 'main.ts')], {
  cwd: repoRoot,
  env: process.env,
  stdio: ['ignore', 'inherit', 'inherit'],
  // Its own process group: a terminal's Ctrl-C reaches only this script, which passes it on exactly once
  // (a server that treats a second signal as "force quit" would otherwise get two at once).
  detached: true,
});

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (server.exitCode === null && server.signalCode === null) server.kill(signal);
  });
}

server.on('error', (error) => {
  console.error(`start: cannot run the server: ${error.message}`);
  process.exit(1);
});
server.on('exit', (code, signal) => {
  // A server ended by SIGINT/SIGTERM that did not set its own code is a normal stop.
  if (code === null) process.exit(signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1);
  process.exit(code);
});
// Should this script die some other way, the server (in its own group) must not outlive it.
process.on('exit', () => {
  if (server.exitCode === null && server.signalCode === null) server.kill('SIGTERM');
});
