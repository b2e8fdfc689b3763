import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
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

/**
 * The machine's CPU time so far, from /proc/stat (Linux; null elsewhere): `steal` is time the hypervisor gave this
 * VM's CPUs to other guests. On a shared cloud VM it comes and goes, and every figure measured while it is high is
 * slower for a reason none of the contenders has, so each shape reports its share.
 */
export function cpuTimes() {
  try {
    const fields = fs
      .readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    return { total: fields.reduce((sum, x) => sum + x, 0), steal: fields[7] ?? 0 };
  } catch {
    return null;
  }
}

/** Percentage of all CPU time stolen between two cpuTimes() readings; null if either is missing. */
export function stealPct(before, after) {
  if (!before || !after || after.total <= before.total) return null;
  return Math.round((1000 * (after.steal - before.steal)) / (after.total - before.total)) / 10;
}
