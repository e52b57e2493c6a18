/** `forandringskort export` and `forandringskort import`: the same exports as the editor and the server. */
import { readFile, writeFile } from 'node:fs/promises';
import { EXPORT_FORMATS, exportPlan, type ExportFormat } from '../model/export/index.ts';
import { importXlsx } from '../model/export/xlsx.ts';
import { COMMANDS, EXIT_INVALID, EXIT_OK, fileErrorReason, loadPlanFile, parseArgs, parseYearOption, type CliIO } from './cli.ts';
import { statusReportOptions } from './render-chart.ts';
import { diagramForDocx } from './render.ts';

COMMANDS.set('export', {
  summary: 'skriv en planfil som Word, Markdown, Excel, CSV, SVG eller JSON',
  usage: `forandringskort export FIL --to ${EXPORT_FORMATS.join('|')} [--year ÅR] -o UD`,
  async run(args, io) {
    const parsed = parseArgs(args, { to: { values: EXPORT_FORMATS }, o: {}, out: {}, year: {} });
    if ('error' in parsed) {
      io.err(`${parsed.error}\nBrug: ${this.usage}\n`);
      return EXIT_INVALID;
    }
    const out = (parsed.options.o ?? parsed.options.out) as string | undefined;
    const format = parsed.options.to as ExportFormat | undefined;
    if (parsed.positional.length !== 1 || !format || !out) {
      io.err(`Angiv en planfil, --to og -o.\nBrug: ${this.usage}\n`);
      return EXIT_INVALID;
    }
    const year = parseYearOption(parsed.options.year);
    if (typeof year !== 'number') {
      io.err(`${year.error}\nBrug: ${this.usage}\n`);
      return EXIT_INVALID;
    }
    const loaded = await loadPlanFile(parsed.positional[0]!);
    if (!loaded.ok) {
      io.err(`${loaded.message}\n`);
      return EXIT_INVALID;
    }
    const options = format === 'docx' ? diagramForDocx(loaded.plan) : format === 'statusrapport' ? statusReportOptions(year) : {};
    const file = await exportPlan(loaded.plan, format, options);
    if (!(await writeOut(out, file.data, io))) return EXIT_INVALID;
    io.out(`Skrev ${out} (${file.data.byteLength.toLocaleString('da-DK')} byte)\n`);
    // what the file could not hold (a text longer than an Excel cell): said here and on the sheet "Om filen"
    if (file.notes) io.err(`Bemærk, ikke alt kunne være i filen (se arket "Om filen"):\n${file.notes.map((n) => `  ${n}`).join('\n')}\n`);
    return EXIT_OK;
  },
});

COMMANDS.set('import', {
  summary: 'læs et regneark (.xlsx i eksportens layout) og skriv det som planfil',
  usage: 'forandringskort import FIL.xlsx -o UD.json',
  async run(args, io) {
    const parsed = parseArgs(args, { o: {}, out: {} });
    if ('error' in parsed || parsed.positional.length !== 1) {
      io.err(`${'error' in parsed ? parsed.error : 'Angiv præcis én fil.'}\nBrug: ${this.usage}\n`);
      return EXIT_INVALID;
    }
    const out = (parsed.options.o ?? parsed.options.out) as string | undefined;
    if (!out) {
      io.err(`Angiv -o.\nBrug: ${this.usage}\n`);
      return EXIT_INVALID;
    }
    let data: Buffer;
    try {
      data = await readFile(parsed.positional[0]!);
    } catch (error) {
      io.err(`Kan ikke læse ${parsed.positional[0]}: ${fileErrorReason(error)}\n`);
      return EXIT_INVALID;
    }
    const result = await importXlsx(new Uint8Array(data));
    if (!result.ok) {
      io.err(`Regnearket ${parsed.positional[0]} blev ikke importeret:\n${result.problems.map((p) => `  ${p.message.startsWith(p.sheet) ? p.message : `${p.sheet ? `${p.sheet}, række ${p.row}${p.column ? `, kolonne ${p.column}` : ''}: ` : ''}${p.message}`}`).join('\n')}\n`);
      return EXIT_INVALID;
    }
    if (!(await writeOut(out, `${JSON.stringify(result.plan, null, 2)}\n`, io))) return EXIT_INVALID;
    io.out(`Skrev ${out}: ${result.plan.nodes.length} noder, ${result.plan.edges.length} kanter\n`);
    return EXIT_OK;
  },
});

/** Writes the output file; a file system error becomes a Danish message naming the file (false: nothing written). */
async function writeOut(path: string, data: Uint8Array | string, io: CliIO): Promise<boolean> {
  try {
    await writeFile(path, data);
    return true;
  } catch (error) {
    io.err(`Kan ikke skrive ${path}: ${fileErrorReason(error, true)}\n`);
    return false;
  }
}
