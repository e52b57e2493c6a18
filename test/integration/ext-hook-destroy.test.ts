// The onDestroy hook: called once when the server closes, with one payload {ctx}, before the HTTP server stops and
// while storage is still open, so that an extension can end its long-lived responses (as the portfolio's event
// streams do) instead of holding the close up.
import { describe, expect, it } from 'vitest';
import type { ServerResponse } from 'node:http';
import type { Extension } from '../../server/extension.ts';
import { route } from '../../server/http.ts';
import { startInProcess } from '../support/inprocess.ts';

/** An extension with an endless stream at GET /api/stream that its onDestroy ends with a last line. */
function streamingExtension(): Extension & { calls: number; storageOpen: boolean[] } {
  const open = new Set<ServerResponse>();
  const extension = {
    name: 'streaming',
    calls: 0,
    storageOpen: [] as boolean[],
    routes: [
      route('GET', /^\/api\/stream$/, ({ res }) => {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        res.write('start\n');
        open.add(res);
      }),
    ],
    async onDestroy({ ctx }: Parameters<NonNullable<Extension['onDestroy']>>[0]) {
      extension.calls++;
      // storage still answers: the hook runs before the server's stores are closed
      extension.storageOpen.push(
        await ctx.rooms.storage.meta.get('no-such-key').then(
          () => true,
          () => false,
        ),
      );
      for (const res of open) res.end('farvel\n');
      open.clear();
    },
  };
  return extension;
}

describe('onDestroy', () => {
  it('is called once on close, with the context and storage still open, and can end its streams', async () => {
    const extension = streamingExtension();
    const server = await startInProcess({ extensions: [extension] });
    const response = await fetch(`${server.url}/api/stream`);
    const body = response.text();
    await server.close();
    expect(await body).toBe('start\nfarvel\n');
    expect(extension.calls).toBe(1);
    expect(extension.storageOpen).toEqual([true]);
  });
});
