/**
 * `forandringskort export` and `forandringskort import`: the same exports as the editor and the server, through the
 * same render step (server/export-render.ts). Each loads only what its format needs: `export --to md` loads no
 * docx, exceljs or resvg, `import` only exceljs.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { EXPORT_FORMATS, EXPORT_OPTIONS, exportFormatSpec, readExportOptions, type ExportFormat, type ExportOptionName } from '../model/export/formats.ts';
import { EXIT_INVALID, EXIT_OK, fileErrorReason, loadPlanFile, parseArgs, type CliIO } from './cli-support.ts';

/** The flags of every export option (model/export/formats.ts): each format reads the ones it takes. */
const OPTION_FLAGS = Object.fromEntries(Object.values(EXPORT_OPTIONS).map((spec) => [spec.flag, spec.bare ? { flag: true } : {}]));

/** An option flag the format does not take, named with the formats that do; null when there is none. */
function foreignOption(format: ExportFormat, given: Record<string, string | true>): string | null {
  for (const [name, spec] of Object.entries(EXPORT_OPTIONS) as [ExportOptionName, (typeof EXPORT_OPTIONS)[ExportOptionName]][]) {
    if (!(spec.flag in given) || exportFormatSpec(format).options.includes(name)) continue;
    const takers = EXPORT_FORMATS.filter((other) => exportFormatSpec(other).options.includes(name));
    return `--${spec.flag} gælder kun for ${takers.join(', ')}, ikke for ${format}`;
  }
  return null;
}

export async function exportCommand(args: string[], io: CliIO, usage: string): Promise<number> {
  const parsed = parseArgs(args, { to: { values: EXPORT_FORMATS }, o: {}, out: {}, ...OPTION_FLAGS });
  if ('error' in parsed) {
    io.err(`${parsed.error}\nBrug: ${usage}\n`);
    return EXIT_INVALID;
  }
  const out = (parsed.options.o ?? parsed.options.out) as string | undefined;
  const format = parsed.options.to as ExportFormat | undefined;
  if (parsed.positional.length !== 1 || !format || !out) {
    io.err(`Angiv en planfil, --to og -o.\nBrug: ${usage}\n`);
    return EXIT_INVALID;
  }
  const foreign = foreignOption(format, parsed.options);
  const options = foreign ? { error: foreign } : readExportOptions(format, 'cli', (flag) => parsed.options[flag]);
  if ('error' in options) {
    io.err(`${options.error}\nBrug: ${usage}\n`);
    return EXIT_INVALID;
  }
  const loaded = await loadPlanFile(parsed.positional[0]!);
  if (!loaded.ok) {
    io.err(`${loaded.message}\n`);
    return EXIT_INVALID;
  }
  const { renderExport } = await import('./export-render.ts');
  const file = await renderExport(loaded.plan, format, options);
  if (!(await writeOut(out, file.data, io))) return EXIT_INVALID;
  io.out(`Skrev ${out} (${file.data.byteLength.toLocaleString('da-DK')} byte)\n`);
  // what the file could not hold (a text longer than an Excel cell): said here and on the sheet "Om filen"
  if (file.notes) io.err(`Bemærk, ikke alt kunne være i filen (se arket "Om filen"):\n${file.notes.map((n) => `  ${n}`).join('\n')}\n`);
  return EXIT_OK;
}

export async function importCommand(args: string[], io: CliIO, usage: string): Promise<number> {
  const parsed = parseArgs(args, { o: {}, out: {} });
  if ('error' in parsed || parsed.positional.length !== 1) {
    io.err(`${'error' in parsed ? parsed.error : 'Angiv præcis én fil.'}\nBrug: ${usage}\n`);
    return EXIT_INVALID;
  }
  const out = (parsed.options.o ?? parsed.options.out) as string | undefined;
  if (!out) {
    io.err(`Angiv -o.\nBrug: ${usage}\n`);
    return EXIT_INVALID;
  }
  let data: Buffer;
  try {
    data = await readFile(parsed.positional[0]!);
  } catch (error) {
    io.err(`Kan ikke læse ${parsed.positional[0]}: ${fileErrorReason(error)}\n`);
    return EXIT_INVALID;
  }
  const { importXlsx } = await import('../model/export/xlsx.ts');
  const result = await importXlsx(new Uint8Array(data));
  if (!result.ok) {
    io.err(`Regnearket ${parsed.positional[0]} blev ikke importeret:\n${result.problems.map((p) => `  ${p.message.startsWith(p.sheet) ? p.message : `${p.sheet ? `${p.sheet}, række ${p.row}${p.column ? `, kolonne ${p.column}` : ''}: ` : ''}${p.message}`}`).join('\n')}\n`);
    return EXIT_INVALID;
  }
  if (!(await writeOut(out, `${JSON.stringify(result.plan, null, 2)}\n`, io))) return EXIT_INVALID;
  io.out(`Skrev ${out}: ${result.plan.nodes.length} noder, ${result.plan.edges.length} kanter\n`);
  return EXIT_OK;
}

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
