/**
 * What the process benchmarks (onboarding, chat) share about CPUs: pinning the load generator
 * and the servers apart with `taskset`, and reading a server's V8 CPU profile into its top
 * costs.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './node-edge-process.js';

export interface Pinning {
  /** The command prefix for a server child (empty when not pinned). */
  prefix: string[];
  description: string;
}

/** Load generator (this process) on CPU 0, `servers` on CPU 1; or why not. */
export function pinCpus(servers: string): Pinning {
  const unpinned = (why: string) => ({ prefix: [], description: `not pinned (${why})` });
  if (process.platform !== 'linux') return unpinned('taskset is Linux-only');
  if (availableParallelism() < 2) return unpinned('one CPU');
  const pinned = spawnSync('taskset', ['-a', '-cp', '0', String(process.pid)], { stdio: 'ignore' });
  if (pinned.error || pinned.status !== 0) return unpinned('taskset is not available');
  return {
    prefix: ['taskset', '-c', '1'],
    description: `load generator on CPU 0, ${servers} on CPU 1 (taskset)`,
  };
}

/**
 * The profile of `pid`'s main thread in `dir`. Files are named
 * CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile; tsx's loader hooks run on a thread of their
 * own and write a profile too.
 */
export function mainThreadProfile(dir: string, pid: number | undefined): string | undefined {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile') && f.split('.')[3] === String(pid))
    .filter((f) => f.split('.')[4] === '0')
    .map((f) => join(dir, f))
    .at(0);
}

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number };
}

const round1 = (value: number) => Number(value.toFixed(1));

export interface CostShare {
  name: string;
  percent: number;
}

/** The heaviest functions (self time) and where they live, from a .cpuprofile. */
export function topCosts(
  file: string,
  limit = 12,
): { places: CostShare[]; ownFrames: CostShare[]; functions: CostShare[] } {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: ProfileNode[];
    samples: number[];
    timeDeltas: number[];
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parentOf.set(child, n.id);
  const pathOf = (n: ProfileNode) =>
    n.callFrame.url.replace(/^file:\/\//, '').replace(`${ROOT}/`, '');
  const nameOf = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${pathOf(n)}`;
  const ours = (n: ProfileNode) => n.callFrame.url.startsWith(`file://${ROOT}/`);
  const self = new Map<string, number>();
  const byPlace = new Map<string, number>();
  const byFrame = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const dt = profile.timeDeltas[i] ?? 0;
    if (!node) return;
    total += dt;
    const { functionName } = node.callFrame;
    const path = pathOf(node);
    const key = nameOf(node);
    self.set(key, (self.get(key) ?? 0) + dt);
    // Charged to the nearest function of this repository up the stack, with what it calls.
    let frame: ProfileNode | undefined = node;
    while (frame && !ours(frame)) {
      const parent = parentOf.get(frame.id);
      frame = parent === undefined ? undefined : byId.get(parent);
    }
    const owner = frame ? nameOf(frame) : `(outside this repository) ${key}`;
    byFrame.set(owner, (byFrame.get(owner) ?? 0) + dt);
    const place = path.includes('node_modules/')
      ? `node_modules/${path.split('node_modules/').at(-1)?.split('/')[0]}`
      : path.startsWith('node:') || path === ''
        ? functionName.startsWith('(')
          ? functionName
          : 'node internals'
        : path.split('/').slice(0, 2).join('/');
    byPlace.set(place, (byPlace.get(place) ?? 0) + dt);
  });
  const share = (entries: Map<string, number>) =>
    [...entries]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, us]) => ({ name, percent: round1((100 * us) / total) }));
  return { places: share(byPlace), ownFrames: share(byFrame), functions: share(self) };
}
