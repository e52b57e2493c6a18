// The table of export formats (model/export/formats.ts): every format has a content type, a file name and the
// options it takes; the options are read alike from the CLI's flags and the HTTP query, and only by the formats
// that take them. The plan's text is cleaned once per export (withCleanText returns what it made as it is).
import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, EXPORT_FORMAT_TABLE, exportFileName, readExportOptions } from '../../model/export/formats.ts';
import { exportPlan } from '../../model/export/index.ts';
import { withCleanText } from '../../model/values.ts';

const fromQuery = (query: string) => (key: string) => new URLSearchParams(query).get(key);

describe('the export formats table', () => {
  it('names each format once, with its content type and file name', () => {
    expect(EXPORT_FORMATS).toEqual(['docx', 'md', 'xlsx', 'csv', 'json', 'svg', 'statusrapport']);
    expect(exportFileName('csv', 'rum-for-liv')).toBe('rum-for-liv-daekning.csv');
    expect(exportFileName('statusrapport', 'rum-for-liv', { year: 2014 })).toBe('rum-for-liv-statusrapport-2014.docx');
    expect(EXPORT_FORMAT_TABLE.statusrapport.contentType).toBe(EXPORT_FORMAT_TABLE.docx.contentType);
  });

  it('reads an option only for a format that takes it, from a flag or a query parameter', () => {
    expect(readExportOptions('statusrapport', 'query', fromQuery('year=2014'))).toEqual({ year: 2014 });
    expect(readExportOptions('statusrapport', 'cli', (flag) => ({ year: '2013' })[flag])).toEqual({ year: 2013 });
    expect(readExportOptions('md', 'query', fromQuery('year=2014'))).toEqual({});
    expect(readExportOptions('statusrapport', 'query', fromQuery(''))).toEqual({});
  });

  it('names the option as the caller wrote it when its value is wrong', () => {
    expect(readExportOptions('statusrapport', 'query', fromQuery('year=14'))).toEqual({
      error: 'year skal være et årstal som 2014, ikke "14"',
    });
    expect(readExportOptions('statusrapport', 'cli', () => 'toogtyve')).toEqual({
      error: '--year skal være et årstal som 2014, ikke "toogtyve"',
    });
  });

  it('gives the file the type and name of its row', async () => {
    const plan = {
      format: 'forandringskort/v1',
      plan: { title: 'Rum for Liv' },
      nodes: [],
      edges: [],
    } as unknown as Parameters<typeof exportPlan>[0];
    const file = await exportPlan(plan, 'csv');
    expect(file.mimeType).toBe('text/csv; charset=utf-8');
    expect(file.fileName).toMatch(/-daekning\.csv$/);
  });
});

describe('text cleaning', () => {
  it('cleans once: what it made comes back as it is, a new value is copied clean', () => {
    const dirty = { title: 'Lektie\u0001café', nodes: [{ title: 'a\u0002' }] };
    const clean = withCleanText(dirty);
    expect(clean).toEqual({ title: 'Lektiecafé', nodes: [{ title: 'a' }] });
    expect(clean).not.toBe(dirty);
    expect(withCleanText(clean)).toBe(clean);
    expect(withCleanText({ ...clean })).not.toBe(clean);
  });
});
