// Real PostgreSQL and Redis for the storage tests and a local cluster: Debian's binaries, each in its own temp
// folder on a free loopback port, stopped (and the folder removed) by stop() or when this process exits.
// `node scripts/services.mjs` starts both and prints DATABASE_URL and REDIS_URL until Ctrl+C.
// PostgreSQL refuses to run as root: as root, initdb and postgres run as the postgres user (runuser).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureServiceBinaries, postgresBinDir, redisServerPath } from './ensure.mjs';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const running = new Set();
process.on('exit', () => {
  for (const service of running) service.stopNow();
});

export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts TCP connections on the port (and, for Redis, answers PING). */
async function waitForPort(port, child, name, probe = null, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} stoppede under opstart (status ${child.exitCode})`);
    const ok = await new Promise((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' });
      socket.once('error', () => resolve(false));
      socket.once('connect', () => {
        if (!probe) {
          socket.end();
          resolve(true);
          return;
        }
        socket.write(probe.send);
        socket.once('data', (data) => {
          socket.end();
          resolve(data.toString().startsWith(probe.expect));
        });
      });
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${name} svarede ikke på port ${port}`);
}

/** Runs a PostgreSQL binary, as the postgres user when we are root. */
function asPostgres(binary, args) {
  return isRoot ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
}

/**
 * Starts PostgreSQL in a fresh cluster. `durable: false` (the tests) turns fsync off: faster, and a crash of
 * the machine is not what the tests are about; the cluster script keeps the defaults.
 */
export async function startPostgres({ durable = false } = {}) {
  ensureServiceBinaries();
  const bin = postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'fk-postgres-'));
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const [initCmd, initArgs] = asPostgres(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const init = spawnSync(initCmd, initArgs, { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`initdb fejlede:\n${init.stderr}`);
  const port = await freePort();
  const settings = ['-c', `listen_addresses=127.0.0.1`, '-c', `unix_socket_directories=${dir}`, '-c', 'max_connections=200'];
  if (!durable) settings.push('-c', 'fsync=off', '-c', 'full_page_writes=off');
  const [cmd, args] = asPostgres(join(bin, 'postgres'), ['-D', data, '-p', String(port), ...settings]);
  const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => (log += d.toString()));
  const service = track('postgres', child, dir, () => {
    // the postmaster's own pid: killing runuser alone would leave postgres running
    try {
      return Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    } catch {
      return null;
    }
  });
  try {
    await waitForPort(port, child, 'postgres');
    // accepting TCP is not yet accepting queries: wait for the startup to finish
    const ready = join(bin, 'pg_isready');
    for (let i = 0; i < 200 && spawnSync(ready, ['-h', '127.0.0.1', '-p', String(port), '-q']).status !== 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
  } catch (error) {
    await service.stop();
    throw new Error(`${error.message}\n${log}`);
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, port, dir, log: () => log, stop: service.stop, kill: service.kill };
}

/** Starts redis-server without persistence (Redis only relays here; Postgres or SQLite keeps the data). */
export async function startRedis({ port: wanted } = {}) {
  ensureServiceBinaries();
  const dir = mkdtempSync(join(tmpdir(), 'fk-redis-'));
  const port = wanted ?? (await freePort());
  const child = spawn(redisServerPath(), ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const service = track('redis', child, dir, () => child.pid);
  try {
    await waitForPort(port, child, 'redis-server', { send: 'PING\r\n', expect: '+PONG' });
  } catch (error) {
    await service.stop();
    throw error;
  }
  return { url: `redis://127.0.0.1:${port}`, port, dir, stop: service.stop, kill: service.kill };
}

function track(name, child, dir, pidOf) {
  const signal = (sig) => {
    const pid = pidOf();
    for (const target of new Set([pid, child.pid])) {
      try {
        if (target) process.kill(target, sig);
      } catch {
        // already gone
      }
    }
  };
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const service = {
    stopNow() {
      signal('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
    /** a clean shutdown (fast mode for postgres) */
    async stop() {
      running.delete(service);
      if (child.exitCode === null && child.signalCode === null) {
        signal(name === 'postgres' ? 'SIGINT' : 'SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
    /** kill -9, keeping the folder (for restart tests) */
    async kill() {
      signal('SIGKILL');
      await exited;
    },
  };
  running.add(service);
  return service;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const postgres = await startPostgres({ durable: true });
  const redis = await startRedis();
  console.log(`DATABASE_URL=${postgres.url}\nREDIS_URL=${redis.url}\n(Ctrl+C stopper begge)`);
  const stop = () => Promise.all([postgres.stop(), redis.stop()]).then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
