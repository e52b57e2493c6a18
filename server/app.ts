/**
 * One server: the built client (dist/), the JSON API and the sync endpoint on one port. `createServer` composes a
 * server from its storage and its extensions (server/extension.ts); everything it holds (routes, update rules,
 * message handlers, shadows, limiters, rooms, the worker pool) belongs to that instance, so two servers in one
 * process share nothing. `createApp` is the default composition `npm start` runs.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { extname, join, normalize, sep } from 'node:path';
import pino, { type Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { fitCloseReason } from './connection.ts';
import type { Extension } from './extension.ts';
import { defaultExtensions } from './extensions/index.ts';
import { coreRoutes, handleApi, HttpError, isPlanId, resolvePlanAccess, type Route, type ServerContext } from './http.ts';
import { createIntegrityRule } from './integrity.ts';
import { composeUpdateRules } from './policy.ts';
import { openStorage, type Storage } from './storage/index.ts';
import { createRedisLimiters, memoryLimiters, type Limiters } from './limits/index.ts';
import type { Fanout } from './fanout/redis.ts';
import { RoomManager, type SyncHooks } from './sync.ts';
import type { AppConfig } from './config.ts';

export { configFromEnv, type AppConfig } from './config.ts';
import { CLOSE_CODES } from '../model/protocol.ts';
import { WorkerPool } from './pool.ts';
import { issueIdentity, loadSecret, verifyIdentity } from './tokens.ts';

export interface App {
  server: Server;
  ctx: ServerContext;
  log: Logger;
  listen(): Promise<number>;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'content-security-policy':
    "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; worker-src 'self' blob:; object-src 'none'; frame-ancestors 'none'",
};

/**
 * The default composition `npm start` runs: storage from DATABASE_URL (else SQLite in the data folder, or the
 * store the config brings), a Redis fanout with REDIS_URL, and every extension.
 */
export async function createApp(config: AppConfig, pool?: WorkerPool): Promise<App> {
  const storage = config.storage ?? (await openStorage({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  let fanout: Fanout | undefined;
  let limiters: Limiters | undefined;
  try {
    // several instances: updates, presence and the rate limits that matter are shared through Redis (its client is
    // loaded only then: one instance starts without it)
    fanout = config.redisUrl ? await (await import('./fanout/redis.ts')).createRedisFanout(config.redisUrl) : undefined;
    limiters = config.redisUrl ? await createRedisLimiters(config.redisUrl) : undefined;
  } catch (error) {
    await fanout?.close();
    await storage.close();
    await pool?.close();
    throw error;
  }
  return createServer({ config, storage, fanout, limiters, pool, extensions: defaultExtensions() });
}

export interface ServerOptions {
  config: AppConfig;
  /** where plans live; the server closes it when it closes */
  storage: Storage;
  /** with several instances: updates and presence cross them (server/fanout/redis.ts); closed with the server */
  fanout?: Fanout | undefined;
  /** where rate limits count (in memory by default; Redis with several instances); closed with the server */
  limiters?: Limiters | undefined;
  /** the worker threads for heavy work (a new pool when not given, started with its first task); closed with the server */
  pool?: WorkerPool | undefined;
  /** what the server does beyond syncing plans; their hooks run in this order */
  extensions: Extension[];
}

/** Composes one server; it listens when `listen()` is called. */
export function createServer({ config, storage, fanout, limiters = memoryLimiters(), pool = new WorkerPool({ threads: config.workerThreads }), extensions }: ServerOptions): App {
  const log = pino({ level: config.logLevel, base: undefined });
  log.info({ storage: storage.kind, fanout: fanout ? 'redis' : 'none' }, 'storage opened');
  // the sync hooks reach the context, which holds the rooms, which hold the hooks: the context is set just below
  let ctx!: ServerContext;
  const rooms = new RoomManager(storage, config.sync, log, syncHooks(extensions, () => ctx), pool, fanout);
  ctx = {
    rooms,
    pool,
    secret: loadSecret(config.dataDir, config.secret),
    publicUrl: (req) => config.publicUrl ?? `http://${req.headers.host ?? `localhost:${config.port}`}`,
    limits: { maxBodyBytes: config.maxBodyBytes, plansPerMinutePerAddress: config.plansPerMinutePerAddress, joinGuessesPerMinutePerAddress: config.joinGuessesPerMinutePerAddress, exportsPerToken: config.exportsPerToken },
    creationLimiter: limiters.create('plans', config.plansPerMinutePerAddress),
    limiters,
    log,
  };
  for (const extension of extensions) extension.onConfigure?.({ ctx, config });
  const routes: Route[] = [...coreRoutes(), ...extensions.flatMap((extension) => extension.routes ?? [])];
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.maxFrameBytes });
  const server = createHttpServer((req, res) => {
    handleRequest(routes, req, res, ctx, config).catch((error: unknown) => {
      log.error({ err: error }, 'request crashed');
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.on('upgrade', (req, socket, head) => {
    handleUpgrade(req, socket, head, ctx, config, wss).catch((error: unknown) => {
      log.error({ err: error }, 'upgrade failed');
      refuseUpgrade(socket, 500, 'Serverfejl');
    });
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  const heartbeat = setInterval(() => rooms.heartbeat(), 30_000);
  heartbeat.unref();

  return {
    server,
    ctx,
    log,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          const address = server.address();
          resolve(typeof address === 'object' && address ? address.port : config.port);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        clearInterval(heartbeat);
        const extensionsDone = Promise.all(extensions.map((extension) => extension.onDestroy?.({ ctx })));
        const roomsDone = rooms.shutdown();
        wss.close();
        server.close(() => {
          void Promise.all([extensionsDone, roomsDone])
            .catch((error: Error) => log.error({ err: error.message }, 'shutdown of rooms failed'))
            .then(() => fanout?.close())
            .then(() => limiters.close())
            .then(() => storage.close())
            .then(() => pool.close())
            .finally(resolve);
        });
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 2000).unref();
      }),
  };
}

/** What the extensions add to the sync endpoint, composed once per server. */
function syncHooks(extensions: Extension[], ctx: () => ServerContext): SyncHooks {
  const shadowChecks = extensions.flatMap((extension) => (extension.shadowCheck ? [extension.shadowCheck] : []));
  const integrity = createIntegrityRule(shadowChecks);
  return {
    // the integrity rule last: it applies the update to the plan's shadow and marks it as in there, so no rule may
    // refuse the update after it has passed (the shadow would hold what the doc never took)
    authorizeUpdate: composeUpdateRules([integrity.rule]),
    onSynced: (conn) => {
      if (conn.role !== 'viewer') integrity.prepare(conn.room.doc);
    },
    beforeApplyUpdate: (room, effect) => {
      for (const extension of extensions) extension.beforeApplyUpdate?.({ room, effect, ctx: ctx() });
    },
  };
}

async function handleRequest(routes: readonly Route[], req: IncomingMessage, res: ServerResponse, ctx: ServerContext, config: AppConfig): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  if (await handleApi(routes, req, res, url, ctx)) return;
  if (url.pathname.startsWith('/api/')) {
    res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ error: 'Ukendt adresse.' }));
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405).end();
    return;
  }
  serveStatic(url.pathname, res, config.staticDir);
}

/** Files from dist/, and index.html for every app route (SPA fallback). */
function serveStatic(pathname: string, res: ServerResponse, staticDir: string): void {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    res.writeHead(400).end();
    return;
  }
  const candidate = normalize(join(staticDir, decoded));
  const inside = candidate === staticDir || candidate.startsWith(staticDir + sep);
  const file = inside && existsSync(candidate) && statSync(candidate).isFile() ? candidate : join(staticDir, 'index.html');
  if (!existsSync(file)) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Klienten er ikke bygget endnu. Kør "npm start" (den bygger klienten) eller "npx vite build".');
    return;
  }
  const immutable = file.includes(`${sep}assets${sep}`);
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  createReadStream(file).pipe(res);
}

function refuseUpgrade(socket: Duplex, status: number, message: string): void {
  const body = JSON.stringify({ error: message });
  socket.end(
    `HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : status === 404 ? 'Not Found' : 'Error'}\r\n` +
      `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

async function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, ctx: ServerContext, config: AppConfig, wss: WebSocketServer): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const match = /^\/sync\/([^/]+)$/.exec(url.pathname);
  if (!match || !isPlanId(match[1]!)) return refuseUpgrade(socket, 404, 'Ukendt adresse.');
  const origin = req.headers.origin;
  if (config.origins.length > 0 && (!origin || !config.origins.includes(origin))) {
    ctx.log.warn({ origin }, 'origin refused');
    return refuseUpgrade(socket, 403, 'Oprindelsen (Origin) er ikke tilladt.');
  }
  let role;
  try {
    role = (await resolvePlanAccess(ctx, match[1]!, url.searchParams.get('token'))).role;
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    // the link's refusal as a typed close code the browser can explain (a refused upgrade only shows as 1006);
    // the socket is closed before anything of the plan is sent
    const code = error.status === 401 ? CLOSE_CODES.linkMissing : error.status === 404 ? CLOSE_CODES.planNotFound : CLOSE_CODES.linkInvalid;
    ctx.log.info({ code, reason: error.message }, 'sync link refused');
    return wss.handleUpgrade(req, socket, head, (ws) => ws.close(code, fitCloseReason(error.message)));
  }
  const name = (url.searchParams.get('name') ?? '').trim().slice(0, 60) || 'Gæst';
  const planId = match[1]!;
  // the identity the browser kept for this plan, or a fresh one when it brings none (or a forged one)
  const given = url.searchParams.get('identity');
  const personId = verifyIdentity(ctx.secret, given, planId);
  const identity = personId && given ? { token: given, personId } : issueIdentity(ctx.secret, planId);
  const address = req.socket.remoteAddress ?? 'ukendt';
  wss.handleUpgrade(req, socket, head, (ws) => ctx.rooms.connect(ws, planId, { role, name, address, identity }));
}
