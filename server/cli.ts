/**
 * The `forandringskort` command: every sub-command in one table (name, summary, usage, and where its code is),
 * each loaded only when it runs, so `--help` and `check` load no exporter and `export --to md` no docx or exceljs.
 * Each command returns its exit status; output goes through the `io` object so that tests and other front ends can
 * capture it. What the commands share is in server/cli-support.ts.
 */
import { EXPORT_FORMATS, EXPORT_OPTIONS } from '../model/export/formats.ts';
import { PORTFOLIO_EXPORTS } from '../model/export/portfolio-formats.ts';
import { EXIT_INVALID, EXIT_OK, type CliIO } from './cli-support.ts';

export type { CliIO };

type Run = (args: string[], io: CliIO, usage: string) => Promise<number>;

interface CliCommand {
  summary: string;
  usage: string;
  load: () => Promise<Run>;
}

/** The export formats and their options' flags, from their table (model/export/formats.ts, which imports nothing). */
const EXPORT_USAGE = `forandringskort export FIL --to ${EXPORT_FORMATS.join('|')} ${Object.values(EXPORT_OPTIONS).map((spec) => spec.usage).join(' ')} -o UD`;

/** The commands, in the order `--help` lists them. A new command: a row here, and its module exporting its run. */
const COMMANDS: Record<string, CliCommand> = {
  check: {
    summary: 'tjek en planfil mod reglerne og vis dækningen',
    usage: 'forandringskort check FIL [--format text|json]',
    load: async () => (await import('./cli-plan.ts')).check,
  },
  status: {
    summary: 'opfølgning for et år: indikatorernes delmål, målinger og status, aktiviteternes fremdrift',
    usage: 'forandringskort status FIL [--year ÅR] [--format text|json]',
    load: async () => (await import('./cli-plan.ts')).status,
  },
  export: {
    summary: 'skriv en planfil som Word, Markdown, Excel, CSV, SVG eller JSON',
    usage: EXPORT_USAGE,
    load: async () => (await import('./cli-export.ts')).exportCommand,
  },
  import: {
    summary: 'læs et regneark (.xlsx i eksportens layout) og skriv det som planfil',
    usage: 'forandringskort import FIL.xlsx -o UD.json',
    load: async () => (await import('./cli-export.ts')).importCommand,
  },
  portfolio: {
    summary: 'flere planer side om side for et år: tjek, dækning, indikatorer, fremdrift og fælles indikatorer',
    usage: `forandringskort portfolio FIL FIL … [--year ÅR] [--format text|json] [--title TEKST] [--to ${PORTFOLIO_EXPORTS.join('|')} --out UD]`,
    load: async () => (await import('./cli-portfolio.ts')).portfolioCommand,
  },
};

const defaultIO: CliIO = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

function help(): string {
  const lines = ['Forandringskort — forandringsteorier for boligsociale helhedsplaner', '', 'Kommandoer:'];
  for (const [name, command] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(9)} ${command.summary}`, `            ${command.usage}`);
  return `${lines.join('\n')}\n`;
}

export async function main(args: string[], io: CliIO = defaultIO): Promise<number> {
  const [name, ...rest] = args;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(help());
    return name ? EXIT_OK : EXIT_INVALID;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.err(`Ukendt kommando "${name}".\n${help()}`);
    return EXIT_INVALID;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`Brug: ${command.usage}\n`);
    return EXIT_OK;
  }
  try {
    return await (await command.load())(rest, io, command.usage);
  } catch (error) {
    // the last net: a message, never a stack trace (the commands handle what they expect themselves)
    io.err(`${name} mislykkedes: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_INVALID;
  }
}
