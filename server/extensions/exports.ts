/**
 * The exports extension: GET /api/plans/<id>/export?format=docx|md|xlsx|csv|json|svg|statusrapport[&year=2014]&token=…
 * renders the live plan in any export format, with the options the format takes (model/export/formats.ts, read from
 * the query by their names). A format the table marks `inWorker` renders in a worker (server/worker.ts), which alone
 * loads docx, exceljs, echarts and resvg; the text formats render here, as cheaply as GET /api/plans/<id> reads the
 * plan. This module imports only the formats' table, so a server starts without the exporters.
 */
import * as Y from 'yjs';
import { EXPORT_FORMATS, exportFormatSpec, isExportFormat, readExportOptions } from '../../model/export/formats.ts';
import { docToPlan } from '../../model/ydoc.ts';
import type { Extension } from '../extension.ts';
import { HttpError, planRoute, readCommittedPlan, resolvePlanAccess, route, tokenOf, type Route } from '../http.ts';
import { Slots } from '../pool.ts';

function exportLivePlan(slots: Slots): Route {
  return route('GET', planRoute('/export'), async ({ req, res, url, params, ctx }) => {
    const access = await resolvePlanAccess(ctx, params[0]!, tokenOf(req, url));
    const format = url.searchParams.get('format') ?? '';
    if (!isExportFormat(format)) throw new HttpError(400, `Ukendt format "${format}". Vælg et af: ${EXPORT_FORMATS.join(', ')}.`);
    const options = readExportOptions(format, 'query', (name) => url.searchParams.get(name));
    if ('error' in options) throw new HttpError(400, `${options.error}.`);
    const render = exportFormatSpec(format).inWorker
      // the state is encoded here (fast), as far as it is committed; reading it into a plan and rendering happen in a worker
      ? async () => ctx.pool.export(await readCommittedPlan(ctx, access.planId, (doc) => Y.encodeStateAsUpdate(doc)), format, options)
      : async () => (await import('../export-render.ts')).renderExport(await readCommittedPlan(ctx, access.planId, docToPlan), format, options);
    const file = await slots.run(`export:${tokenOf(req, url)}`, ctx.limits.exportsPerToken, render);
    if (!file) throw new HttpError(429, 'Der laves allerede eksporter med dette link; prøv igen om lidt.', { retryAfter: 5 });
    res.writeHead(200, {
      'content-type': file.mimeType,
      'content-length': String(file.data.byteLength),
      'content-disposition': `attachment; filename="${file.fileName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      'cache-control': 'no-store',
    });
    res.end(file.data);
  });
}

/** The live plan in every export format; the exports running per link are counted per server, up to the config's `exportsPerToken`. */
export function exportsExtension(): Extension {
  return { name: 'exports', routes: [exportLivePlan(new Slots())] };
}
