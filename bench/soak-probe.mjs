// Loaded into the server process by the soak (node --import): every 5 s one line on stderr with the event
// loop's delay over those 5 s (perf_hooks' histogram, ms) and the heap, for bench/soak.ts to collect. The
// server's own code is not changed for it.
import { monitorEventLoopDelay } from 'node:perf_hooks';

const h = monitorEventLoopDelay({ resolution: 10 });
h.enable();
setInterval(() => {
  const line = {
    at: Date.now(),
    p50: h.percentile(50) / 1e6,
    p99: h.percentile(99) / 1e6,
    max: h.max / 1e6,
    heapMiB: process.memoryUsage().heapUsed / 1024 ** 2,
  };
  h.reset();
  process.stderr.write(`SOAK_PROBE ${JSON.stringify(line)}\n`);
}, 5000).unref();
