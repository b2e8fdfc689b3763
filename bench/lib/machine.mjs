import { execFileSync } from 'node:child_process';
import os from 'node:os';

export function machineFacts() {
  const cpus = os.cpus();
  let load = os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
  let busy = '';
  try {
    // Other processes on the box skew every figure; name the busiest so a reader can judge the run.
    busy = execFileSync('ps', ['-eo', 'pcpu,comm', '--sort=-pcpu', '--no-headers'], { encoding: 'utf8' })
      .split('\n')
      .slice(0, 4)
      .map((l) => l.trim())
      .filter(Boolean)
      .join('; ');
  } catch {
    load += ' (ps unavailable)';
  }
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    date: new Date().toISOString(),
    loadAvgAtStart: load,
    busiestAtStart: busy,
  };
}
