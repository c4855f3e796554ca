/**
 * The school deployment (docker-compose.yml, deploy/haproxy.cfg, deploy/school.env.example) read
 * as data, since no container engine runs here: Redis keeps its data, two nodes share it, the
 * balancer sends each browser back to its node, and every setting the nodes get is one the server
 * accepts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '../../../server/config';
import { REPO_ROOT } from '../../helpers/paths';

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  depends_on?: unknown;
  healthcheck?: unknown;
}

const read = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8');
const compose = parse(read('docker-compose.yml'), { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const haproxy = read('deploy/haproxy.cfg');
const example = read('deploy/school.env.example');

/** `${NAME:-default}` replaced as Compose would, from `vars` or else the default. */
function interpolate(value: string, vars: Record<string, string>): string {
  return value.replace(
    /\$\{(\w+)(?::-([^}]*))?\}/g,
    (_m, name: string, dflt?: string) => vars[name] ?? dflt ?? '',
  );
}

/** The NAME=value lines of the example .env. */
function exampleVars(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of example.split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

const nodes = Object.entries(compose.services).filter(([, s]) => s.environment?.REDIS_URL !== undefined);

test('Redis keeps every write on a volume (append-only file), and is checked before the nodes start', () => {
  const redis = compose.services.redis!;
  expect(redis.command).toEqual(expect.arrayContaining(['--appendonly', 'yes']));
  expect(redis.volumes).toEqual(['redis-data:/data']);
  expect(compose.volumes).toHaveProperty('redis-data');
  expect(redis.healthcheck).toBeDefined();
});

test('two game nodes share that Redis, each with a health check', () => {
  expect(nodes.map(([name]) => name).sort()).toEqual(['node1', 'node2']);
  for (const [, s] of nodes) {
    expect(s.environment!.REDIS_URL).toBe('redis://redis:6379');
    expect(s.depends_on).toEqual({ redis: { condition: 'service_healthy' } });
    expect(s.healthcheck).toBeDefined();
    // only the balancer is reachable from outside
    expect(s.ports).toBeUndefined();
  }
});

test('every setting a node gets is accepted by the server, with the defaults and with the example .env', () => {
  for (const vars of [{}, exampleVars()]) {
    for (const [name, s] of nodes) {
      const env = Object.fromEntries(
        Object.entries(s.environment!).map(([k, v]) => [k, interpolate(String(v), vars)]),
      );
      const r = loadConfig(env);
      if (!r.ok) throw new Error(`${name}: ${r.errors.join('; ')}`);
      expect(r.config.redisUrl).toBe('redis://redis:6379');
      expect(r.config.port).toBe(3000);
      // join links and the allowed origin are the address students open
      expect(r.config.publicUrl).toBe(interpolate('${PUBLIC_URL:-http://localhost:8080}', vars));
    }
  }
});

test('every line of the example .env is a setting docker-compose.yml uses', () => {
  const used = read('docker-compose.yml');
  const names = Object.keys(exampleVars());
  expect(names).toContain('PUBLIC_URL');
  for (const name of names) expect(used).toContain(`\${${name}`);
});

test('HAProxy in front: sticky by cookie, a health check on /healthz, one server line per node', () => {
  const balancer = compose.services.balancer!;
  expect(balancer.image).toMatch(/^haproxy:/);
  expect(balancer.volumes).toContain('./deploy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro');
  expect(balancer.ports).toEqual(['${HTTP_PORT:-8080}:8080']);
  expect(haproxy).toMatch(/^\s*bind :8080$/m);
  expect(haproxy).toMatch(/^\s*cookie \w+ insert indirect nocache/m);
  expect(haproxy).toMatch(/^\s*option httpchk GET \/healthz$/m);
  expect(haproxy).toMatch(/^\s*timeout tunnel /m);
  for (const [name] of nodes) {
    expect(haproxy).toMatch(new RegExp(`^\\s*server ${name} ${name}:3000 cookie ${name}\\b`, 'm'));
  }
});
