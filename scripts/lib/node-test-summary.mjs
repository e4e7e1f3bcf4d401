// Reads the closing counts of node's test runner out of its output.

// eslint-disable-next-line no-control-regex -- colour codes start with ESC, a control character
const stripAnsi = (s) => s.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');

/** The closing counts of node's test runner (spec `ℹ pass 3` or TAP `# pass 3`); the last of each wins. */
export const parseNodeTestSummary = (output) => {
  const counts = {};
  for (const line of stripAnsi(output).split('\n')) {
    const m = /^[ℹ#] (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) ([\d.]+)\s*$/.exec(line);
    if (m) counts[m[1]] = Number(m[2]);
  }
  if (counts.pass === undefined && counts.fail === undefined) return null;
  return {
    passed: counts.pass ?? 0,
    // A cancelled test (a timeout, or a file that stopped early) did not pass.
    failed: (counts.fail ?? 0) + (counts.cancelled ?? 0),
    skipped: (counts.skipped ?? 0) + (counts.todo ?? 0),
  };
};
