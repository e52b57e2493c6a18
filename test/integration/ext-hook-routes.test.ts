// The routes hook: an extension's routes answer on its server only, after the core routes, with the path's
// captures as params; a path no route takes is 404 in JSON, and a route that throws an HttpError answers with it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Extension } from '../../server/extension.ts';
import { HttpError, route, sendJson } from '../../server/http.ts';
import { startInProcess, type InProcessServer } from '../support/inprocess.ts';

const echo: Extension = {
  name: 'echo',
  routes: [
    route('GET', /^\/api\/echo\/([a-z]+)$/, ({ res, params, url }) =>
      sendJson(res, 200, { word: params[0], q: url.searchParams.get('q') }),
    ),
    route('GET', /^\/api\/refuse$/, () => {
      throw new HttpError(418, 'Ikke her.');
    }),
  ],
};

let withEcho: InProcessServer;
let without: InProcessServer;
beforeAll(async () => {
  withEcho = await startInProcess({ extensions: [echo] });
  without = await startInProcess({ extensions: [] });
});
afterAll(async () => {
  await withEcho?.close();
  await without?.close();
});

describe('routes', () => {
  it('answer with the captures of the path', async () => {
    const res = await fetch(`${withEcho.url}/api/echo/hej?q=1`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ word: 'hej', q: '1' });
  });

  it('answer an HttpError with its status and Danish message', async () => {
    const res = await fetch(`${withEcho.url}/api/refuse`);
    expect(res.status).toBe(418);
    expect(await res.json()).toMatchObject({ error: 'Ikke her.' });
  });

  it('belong to the server that was given the extension', async () => {
    const res = await fetch(`${without.url}/api/echo/hej`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'Ukendt adresse.' });
  });
});
