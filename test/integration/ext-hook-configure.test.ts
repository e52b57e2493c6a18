// The onConfigure hook: called once per server, before it listens, with one payload {ctx, config}. An extension's
// options come from that config (the server's, read from the environment once), so two servers in one process
// with different configs each give their extension their own.
import { afterAll, describe, expect, it } from 'vitest';
import type { Extension } from '../../server/extension.ts';
import { route, sendJson } from '../../server/http.ts';
import { startInProcess, type InProcessServer } from '../support/inprocess.ts';

/** An extension that keeps what onConfigure gave it and shows it on GET /api/configured. */
function configuredExtension(): Extension & { calls: number } {
  let seen: { exportsPerToken: number; hasRooms: boolean } | null = null;
  const extension = {
    name: 'configured',
    calls: 0,
    onConfigure({ ctx, config }: Parameters<NonNullable<Extension['onConfigure']>>[0]) {
      extension.calls++;
      seen = { exportsPerToken: config.exportsPerToken, hasRooms: ctx.rooms.rooms instanceof Map };
    },
    routes: [route('GET', /^\/api\/configured$/, ({ res }) => sendJson(res, 200, { seen }))],
  };
  return extension;
}

const servers: InProcessServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

describe('onConfigure', () => {
  it('is called once, before the server listens, with its config and context', async () => {
    const first = configuredExtension();
    const second = configuredExtension();
    servers.push(await startInProcess({ extensions: [first], env: { EXPORTS_PER_TOKEN: '3' } }));
    servers.push(await startInProcess({ extensions: [second], env: { EXPORTS_PER_TOKEN: '7' } }));
    const answers = await Promise.all(
      servers.map(async (server) => (await (await fetch(`${server.url}/api/configured`)).json()) as { seen: unknown }),
    );
    expect(answers).toEqual([
      { seen: { exportsPerToken: 3, hasRooms: true } },
      { seen: { exportsPerToken: 7, hasRooms: true } },
    ]);
    expect([first.calls, second.calls]).toEqual([1, 1]);
  });
});
