/** GET /api/plans/<id>/export?format=docx|md|xlsx|csv|json|svg|statusrapport[&year=2014]&token=… : the live plan in any export format. */
import { exportPlan, isExportFormat, EXPORT_FORMATS } from '../model/export/index.ts';
import { addRoute, currentPlan, HttpError, PLAN_ID_PATTERN, resolvePlanAccess, tokenOf } from './http.ts';
import { parseYear } from '../model/status.ts';
import { diagramForDocx } from './render.ts';
import { statusReportOptions } from './render-chart.ts';

addRoute('GET', new RegExp(`^/api/plans/(${PLAN_ID_PATTERN})/export$`), async ({ req, res, url, params, ctx }) => {
  const access = resolvePlanAccess(ctx, params[0]!, tokenOf(req, url));
  const format = url.searchParams.get('format') ?? '';
  if (!isExportFormat(format)) throw new HttpError(400, `Ukendt format "${format}". Vælg et af: ${EXPORT_FORMATS.join(', ')}.`);
  const year = parseYear(url.searchParams.get('year'));
  if (year === null) throw new HttpError(400, `year skal være et årstal som 2014, ikke "${url.searchParams.get('year')}".`);
  const plan = currentPlan(ctx, access.planId);
  const options = format === 'docx' ? diagramForDocx(plan) : format === 'statusrapport' ? statusReportOptions(year) : {};
  const file = await exportPlan(plan, format, options);
  res.writeHead(200, {
    'content-type': file.mimeType,
    'content-length': String(file.data.byteLength),
    'content-disposition': `attachment; filename="${file.fileName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    'cache-control': 'no-store',
  });
  res.end(file.data);
});
