/**
 * The local cluster's round-robin proxy (scripts/cluster.mjs) with real backends: it alternates, carries
 * WebSockets, and sends everyone to the live instance when one is killed.
 */
import { createServer } from 'node:http';
import { afterEach, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { startProxy, type Proxy } from '../../scripts/cluster.mjs';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

/** An HTTP + WebSocket server that names itself in every answer. */
async function backend(name: string): Promise<{ port: number; kill: () => Promise<unknown> }> {
  const server = createServer((_req, res) => res.end(name));
  const wss = new WebSocketServer({ server });
  wss.on('connection', (socket) => socket.on('message', (data) => socket.send(`${name}:${data.toString()}`)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = () => new Promise((resolve) => {
    for (const client of wss.clients) client.terminate();
    server.closeAllConnections();
    server.close(resolve);
  });
  cleanups.push(close);
  return { port: (server.address() as { port: number }).port, kill: close };
}

async function proxyOver(ports: number[]): Promise<Proxy> {
  const proxy = await startProxy(ports.map((port) => ({ port })));
  cleanups.unshift(() => proxy.close());
  return proxy;
}

const ask = async (proxy: Proxy) => (await fetch(`http://127.0.0.1:${proxy.port}/`, { headers: { connection: 'close' } })).text();

it('sends connections to the instances in turn, WebSockets included', async () => {
  const a = await backend('A');
  const b = await backend('B');
  const proxy = await proxyOver([a.port, b.port]);
  const answers = [];
  for (let i = 0; i < 4; i++) answers.push(await ask(proxy));
  expect(answers.sort()).toEqual(['A', 'A', 'B', 'B']);
  const socket = new WebSocket(`ws://127.0.0.1:${proxy.port}/sync`);
  const reply = await new Promise<string>((resolve, reject) => {
    socket.once('open', () => socket.send('hej'));
    socket.once('message', (data) => resolve(data.toString()));
    socket.once('error', reject);
  });
  socket.close();
  expect(reply).toMatch(/^[AB]:hej$/);
});

it('skips an instance that is gone, and closes the connections it carried so that clients reconnect', async () => {
  const a = await backend('A');
  const b = await backend('B');
  const proxy = await proxyOver([a.port, b.port]);
  const sockets = await Promise.all([0, 1].map(() => new Promise<WebSocket>((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${proxy.port}/`);
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  })));
  const closed = sockets.map((s) => new Promise((resolve) => s.once('close', resolve)));
  await a.kill();
  // one of the two sockets was on A: the proxy closes it too; every new connection now reaches B
  expect(await Promise.race([...closed, new Promise((r) => setTimeout(() => r('none'), 2000))])).not.toBe('none');
  const answers = [];
  for (let i = 0; i < 4; i++) answers.push(await ask(proxy));
  expect(answers).toEqual(['B', 'B', 'B', 'B']);
  for (const socket of sockets) socket.terminate();
});
