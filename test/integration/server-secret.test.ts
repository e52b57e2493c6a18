// A second instance without SECRET: with a shared store (DATABASE_URL, REDIS_URL) the real server refuses to start
// and names SECRET, instead of signing with its own random secret that the other instances do not know.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtEntry, ensureServerBuild } from '../../scripts/ensure.mjs';
import { freePort } from '../support/server.ts';

const root = join(import.meta.dirname, '..', '..');

async function start(env: Record<string, string>) {
  const port = await freePort();
  const { SECRET: _secret, DATABASE_URL: _db, REDIS_URL: _redis, ...rest } = process.env;
  const result = spawnSync(process.execPath, [builtEntry('main')], {
    cwd: root,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...rest, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: mkdtempSync(join(tmpdir(), 'fk-secret-')), SEED_EXAMPLE: '0', LOG_LEVEL: 'warn', ...env },
  });
  return { status: result.status, signal: result.signal, stderr: result.stderr, stdout: result.stdout };
}

describe('SECRET with a shared store', () => {
  beforeAll(async () => {
    await ensureServerBuild({ quiet: true });
  }, 120_000);

  // nothing listens on port 9 (discard): a server that tried to connect would fail with a connection error instead
  it('refuses to start with DATABASE_URL and no SECRET, naming SECRET, before it connects', async () => {
    const result = await start({ DATABASE_URL: 'postgres://fk:fk@127.0.0.1:9/fk' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('SECRET mangler');
    expect(result.stderr).toContain('DATABASE_URL');
    expect(result.stderr).toContain('SECRET is missing');
    expect(result.stderr).not.toMatch(/ECONNREFUSED|\n\s+at /);
  });

  it('refuses with REDIS_URL alone too', async () => {
    const result = await start({ REDIS_URL: 'redis://127.0.0.1:9' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('SECRET mangler: med REDIS_URL');
  });

  it('gets past the check when SECRET is given (then fails on the unreachable database, not on SECRET)', async () => {
    const result = await start({ DATABASE_URL: 'postgres://fk:fk@127.0.0.1:9/fk', SECRET: 'delt-hemmelighed' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).not.toContain('SECRET mangler');
  }, 40_000);
});
