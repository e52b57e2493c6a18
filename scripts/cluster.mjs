// A local cluster: PostgreSQL and Redis from the machine's packages (scripts/services.mjs), N instances of the
// compiled server sharing one SECRET, DATABASE_URL and REDIS_URL, and a small round-robin TCP proxy in front
// (HTTP and WebSockets alike: each connection goes to the next instance that accepts it).
//   node scripts/cluster.mjs [--instances 2] [--port 8080]
// The tests use startProxy and startCluster from here.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtEntry, ensureServerBuild, root } from './ensure.mjs';
import { freePort, startPostgres, startRedis } from './services.mjs';

/**
 * Listens on `port` (0: a free one) and pipes each connection to the next backend in turn; a backend that
 * refuses is skipped for that connection, so clients of a dead instance reconnect to a live one. Both sockets
 * send at once (no Nagle): a small sync frame must not wait for the previous one's acknowledgement.
 */
export function startProxy(backends, { port = 0, host = '127.0.0.1' } = {}) {
  let next = 0;
  const sockets = new Set();
  const server = createServer((client) => {
    sockets.add(client);
    client.setNoDelay(true);
    client.once('close', () => sockets.delete(client));
    client.pause();
    const tryBackend = (attempt) => {
      if (attempt >= backends.length) {
        client.destroy();
        return;
      }
      const backend = backends[next++ % backends.length];
      const upstream = createConnection({ host: backend.host ?? '127.0.0.1', port: backend.port });
      upstream.setNoDelay(true);
      let connected = false;
      upstream.on('error', () => {
        if (connected) client.destroy();
        else tryBackend(attempt + 1);
      });
      upstream.once('connect', () => {
        connected = true;
        sockets.add(upstream);
        upstream.once('close', () => {
          sockets.delete(upstream);
          client.destroy();
        });
        client.on('error', () => upstream.destroy());
        client.once('close', () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    tryBackend(0);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      resolve({
        port: server.address().port,
        close: () => new Promise((done) => {
          for (const socket of sockets) socket.destroy();
          server.close(() => done());
        }),
      });
    });
  });
}

/** Starts one compiled server instance; resolves once /healthz answers. */
async function startInstance(env) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'fk-instance-'));
  let log = '';
  const child = spawn(process.execPath, [builtEntry('main')], {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, SEED_EXAMPLE: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`instansen stoppede under opstart:\n${log}`);
    if (i > 600) throw new Error(`instansen svarede ikke:\n${log}`);
    if (await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    port,
    process: child,
    output: () => log,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Postgres, Redis, `instances` servers and the proxy; stop() ends them all. */
export async function startCluster({ instances = 2, port = 0, env = {} } = {}) {
  await ensureServerBuild({ quiet: true });
  const [postgres, redis] = await Promise.all([startPostgres({ durable: true }), startRedis()]);
  const shared = { DATABASE_URL: postgres.url, REDIS_URL: redis.url, SECRET: randomBytes(32).toString('base64url'), ...env };
  const servers = [];
  try {
    for (let i = 0; i < instances; i++) servers.push(await startInstance(shared));
  } catch (error) {
    await Promise.all([...servers.map((s) => s.stop()), postgres.stop(), redis.stop()]);
    throw error;
  }
  const proxy = await startProxy(servers.map((s) => ({ port: s.port })), { port });
  const cluster = {
    url: `http://127.0.0.1:${proxy.port}`,
    postgres,
    redis,
    servers,
    proxy,
    /** kill -9 of Redis and a new, empty one on the same port (what a Redis without persistence does on a crash) */
    async restartRedis() {
      await cluster.redis.kill();
      cluster.redis = await startRedis({ port: cluster.redis.port });
    },
    async stop() {
      await proxy.close();
      await Promise.all(servers.map((s) => s.stop()));
      await Promise.all([postgres.stop(), cluster.redis.stop()]);
    },
  };
  return cluster;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const option = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const cluster = await startCluster({ instances: option('instances', 2), port: option('port', 8080) });
  console.log(`Forandringskort-klynge på ${cluster.url}`);
  console.log(`  DATABASE_URL=${cluster.postgres.url}\n  REDIS_URL=${cluster.redis.url}`);
  console.log(`  instanser: ${cluster.servers.map((s) => s.port).join(', ')} (Ctrl+C stopper alt)`);
  const stop = () => cluster.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
