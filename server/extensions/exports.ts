/**
 * The exports extension: GET /api/plans/<id>/export?format=docx|md|xlsx|csv|json|svg|statusrapport[&year=2014]&token=…
 * renders the live plan in any export format. Rendering happens in a worker (server/worker.ts), which alone loads
 * the exporters (docx, exceljs, echarts, resvg): this module imports only the formats' names, so a server starts
 * without them.
 */
import * as Y from 'yjs';
import { EXPORT_FORMATS, isExportFormat } from '../../model/export/formats.ts';
import { parseYear } from '../../model/status.ts';
import type { Extension } from '../extension.ts';
import { HttpError, planRoute, readCommittedPlan, resolvePlanAccess, route, tokenOf, type Route } from '../http.ts';
import { Slots } from '../pool.ts';

function exportLivePlan(slots: Slots): Route {
  return route('GET', planRoute('/export'), async ({ req, res, url, params, ctx }) => {
    const access = await resolvePlanAccess(ctx, params[0]!, tokenOf(req, url));
    const format = url.searchParams.get('format') ?? '';
    if (!isExportFormat(format)) throw new HttpError(400, `Ukendt format "${format}". Vælg et af: ${EXPORT_FORMATS.join(', ')}.`);
    const year = parseYear(url.searchParams.get('year'));
    if (year === null) throw new HttpError(400, `year skal være et årstal som 2014, ikke "${url.searchParams.get('year')}".`);
    // the state is encoded here (fast), as far as it is committed; reading it into a plan and rendering happen in a worker
    const state = await readCommittedPlan(ctx, access.planId, (doc) => Y.encodeStateAsUpdate(doc));
    const file = await slots.run(`export:${tokenOf(req, url)}`, ctx.limits.exportsPerToken, () => ctx.pool.export(state, format, year));
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
