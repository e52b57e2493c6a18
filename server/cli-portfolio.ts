/**
 * `forandringskort portfolio A.json B.json … [--year ÅR] [--format text|json] [--to portfolio-docx|portfolio-xlsx --out FIL]`:
 * several plans side by side for a year (model/portfolio.ts). A plan is known by its file name as given.
 * One invalid file stops the command (exit 2) with that file and its JSON paths; the valid ones are not reported.
 */
import { writeFile } from 'node:fs/promises';
import { countOf } from '../model/format.ts';
import { PORTFOLIO_EXPORTS, type PortfolioExport } from '../model/export/portfolio-formats.ts';
import { summarizePortfolio, type PortfolioEntry } from '../model/portfolio.ts';
import { formatPortfolioText } from '../model/portfolio-report.ts';
import { yearOutsidePlan } from '../model/status.ts';
import type { FileProblem } from '../model/schema.ts';
import { EXIT_INVALID, EXIT_OK, fileErrorReason, loadPlanFile, parseArgs, parseYearOption, type CliIO } from './cli-support.ts';


interface Refusal {
  file: string;
  message: string;
  problems: FileProblem[];
}

/** Reads every file; all of them, so that a coordinator sees every broken file at once, not one per run. */
async function loadEntries(files: string[]): Promise<{ entries: PortfolioEntry[]; refused: Refusal[] }> {
  const entries: PortfolioEntry[] = [];
  const refused: Refusal[] = [];
  for (const file of files) {
    const loaded = await loadPlanFile(file);
    if (loaded.ok) entries.push({ id: file, plan: loaded.plan });
    else refused.push({ file, message: loaded.message, problems: loaded.problems ?? [] });
  }
  return { entries, refused };
}

function duplicate(files: string[]): string | undefined {
  return files.find((file, index) => files.indexOf(file) !== index);
}

async function writeExport(to: PortfolioExport, out: string, entries: PortfolioEntry[], year: number, title: string | undefined, io: CliIO): Promise<number> {
  const { exportPortfolio } = await import('./render-portfolio.ts');
  const file = await exportPortfolio(entries, to, { year, ...(title ? { title } : {}) });
  try {
    await writeFile(out, file.data);
  } catch (error) {
    io.err(`Kan ikke skrive ${out}: ${fileErrorReason(error, true)}\n`);
    return EXIT_INVALID;
  }
  io.out(`Skrev ${out} (${file.data.byteLength.toLocaleString('da-DK')} byte)\n`);
  return EXIT_OK;
}

/** The command's run, apart from its registration (a command table only needs to point here). */
export async function portfolioCommand(args: string[], io: CliIO, usage: string): Promise<number> {
  const parsed = parseArgs(args, { year: {}, format: { values: ['text', 'json'] }, to: { values: PORTFOLIO_EXPORTS }, out: {}, o: {}, title: {} });
  const asJson = !('error' in parsed) && parsed.options.format === 'json';
  const fail = (message: string, details: object = {}) => {
    if (asJson) io.out(`${JSON.stringify({ error: message, ...details }, null, 2)}\n`);
    else io.err(`${message}\n`);
    return EXIT_INVALID;
  };
  if ('error' in parsed) return fail(`${parsed.error}\nBrug: ${usage}`);
  const { options, positional: files } = parsed;
  if (files.length === 0) return fail(`Angiv en eller flere planfiler.\nBrug: ${usage}`);
  const twice = duplicate(files);
  if (twice) return fail(`Filen ${twice} er angivet mere end én gang.`);
  const year = parseYearOption(options.year);
  if (typeof year !== 'number') return fail(`${year.error}\nBrug: ${usage}`);
  const to = options.to as PortfolioExport | undefined;
  const out = (options.out ?? options.o) as string | undefined;
  if (to && !out) return fail(`--to ${to} skal have --out med filen, der skal skrives.\nBrug: ${usage}`);
  if (out && !to) return fail(`--out skal have --to (${PORTFOLIO_EXPORTS.join(' eller ')}).\nBrug: ${usage}`);

  const { entries, refused } = await loadEntries(files);
  if (refused.length > 0) {
    const message = refused.length === 1
      ? `Porteføljen blev ikke lavet: ${refused[0]!.file} er ugyldig.`
      : `Porteføljen blev ikke lavet: ${countOf(refused.length, 'fil', 'filer')} er ugyldige.`;
    if (asJson) return fail(message, { files: refused.map(({ file, problems, message: why }) => ({ file, problems: problems.length > 0 ? problems : [{ path: '(roden)', message: why }] })) });
    return fail(`${message}\n${refused.map((r) => r.message).join('\n')}`);
  }
  if (!asJson) {
    for (const { id, plan } of entries) {
      const warning = yearOutsidePlan(plan, year);
      if (warning) io.err(`Bemærk (${id}): ${warning}\n`);
    }
  }
  const title = typeof options.title === 'string' ? options.title : undefined;
  if (to && out) return writeExport(to, out, entries, year, title, io);
  const summary = summarizePortfolio(entries, { year });
  io.out(asJson ? `${JSON.stringify(summary, null, 2)}\n` : formatPortfolioText(summary));
  return EXIT_OK;
}

