/** Where the tests find the team folder's traces and the repo's fixtures. */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const TEAM_TRACES = resolve(REPO_ROOT, '..', 'shared', 'traces');
export const CAPTURES = join(REPO_ROOT, 'test', 'fixtures', 'captures');
/** Captures of real Linux TCP through network namespaces (loss, reordering, offload...). */
export const NETWORK_CAPTURES = join(CAPTURES, 'network');

/** The team's example traces; fails loudly when the team folder is not beside the repo. */
export function teamTraceFiles(): string[] {
  if (!existsSync(TEAM_TRACES)) {
    throw new Error(
      `the team folder's traces are missing: expected them at ${TEAM_TRACES} (shared/ beside the repo)`,
    );
  }
  return readdirSync(TEAM_TRACES)
    .filter((f) => f.endsWith('.json'))
    .map((f) => join(TEAM_TRACES, f));
}

/** The JSON traces converted from the loopback captures. */
export function captureTraceFiles(): string[] {
  return readdirSync(CAPTURES)
    .filter((f) => f.endsWith('.json'))
    .map((f) => join(CAPTURES, f));
}

/** The JSON traces converted from the network captures. */
export function networkCaptureTraceFiles(): string[] {
  return readdirSync(NETWORK_CAPTURES)
    .filter((f) => f.endsWith('.json'))
    .map((f) => join(NETWORK_CAPTURES, f));
}
