// Small measuring tools for the booking benchmark: N clients ("lanes") at once, each request timed,
// and the CPU the server process and the PostgreSQL cluster spent per request meanwhile — on a shared
// two-core machine latency swings with the neighbours' load, CPU per request far less.
import os from 'node:os';
import { clusterCpuMs, clusterSnapshot, processCpuMs } from './proc-cpu.mjs';

export const stats = (values) => {
  const s = [...values].sort((a, b) => a - b);
  const at = (p) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
  return { n: s.length, p50: at(50), p95: at(95), p99: at(99), max: s.at(-1) ?? NaN };
};

/**
 * Each lane works through its items one after another, all lanes at once; `call` answers
 * { ok, status, text, json }. `pids` ({ server, postgres }) adds CPU ms per request.
 */
export const runLanes = async (lanes, call, pids = null) => {
  const times = [];
  const errors = [];
  const results = [];
  const cpu0 = pids && { server: processCpuMs(pids.server), pg: clusterSnapshot(pids.postgres) };
  const t0 = performance.now();
  await Promise.all(
    lanes.map(async (items) => {
      for (const item of items) {
        const s = performance.now();
        const res = await call(item);
        times.push(performance.now() - s);
        if (res.ok) results.push(res.json);
        else errors.push(`${res.status} ${res.text.slice(0, 200)}`);
      }
    }),
  );
  const wallS = (performance.now() - t0) / 1000;
  const n = times.length;
  const cpu = cpu0
    ? {
        server: (processCpuMs(pids.server) - cpu0.server) / n,
        pg: clusterCpuMs(cpu0.pg, clusterSnapshot(pids.postgres)) / n,
      }
    : null;
  return {
    ...stats(times),
    wallS,
    rate: results.length / wallS,
    ok: results.length,
    failures: errors.length,
    errors,
    results,
    cpu,
  };
};

export const lanesOf = (items, n) => Array.from({ length: n }, (_, i) => items.filter((_, j) => j % n === i));

/** The same order every run (a fixed-seed shuffle), so runs book alike. */
export const shuffled = (items, seed = 42) => {
  const a = [...items];
  let s = seed;
  for (let i = a.length - 1; i > 0; i--) {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = s % (i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
};

/** One-minute load average, sampled every 5 s while a part runs (others share the machine). */
export const loadSampler = () => {
  const samples = [os.loadavg()[0]];
  const timer = setInterval(() => samples.push(os.loadavg()[0]), 5000);
  return () => {
    clearInterval(timer);
    samples.push(os.loadavg()[0]);
    return { first: samples[0], last: samples.at(-1), max: Math.max(...samples) };
  };
};
