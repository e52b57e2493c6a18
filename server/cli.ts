/**
 * The `forandringskort` command. Sub-commands register themselves in COMMANDS; each returns its exit status.
 * Output goes through the `io` object so that tests and other front ends can capture it.
 */
import { readFile, stat } from 'node:fs/promises';
import { checkPlan, checkResultToJson } from '../model/rules.ts';
import { formatCheckText } from '../model/report.ts';
import { parseYear, planStatus, planStatusToJson, yearOutsidePlan } from '../model/status.ts';
import { formatStatusText } from '../model/status-report.ts';
import { DEFAULT_MAX_FILE_BYTES, formatProblems, readPlanText, type FileProblem, type PlanFile } from '../model/schema.ts';

export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
}

export interface CliCommand {
  summary: string;
  usage: string;
  run: (args: string[], io: CliIO) => Promise<number>;
}

export const COMMANDS = new Map<string, CliCommand>();

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_INVALID = 2;

const defaultIO: CliIO = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** Parses `--name value` / `--name=value` options and positional arguments; unknown options are errors. */
export function parseArgs(args: string[], known: Record<string, { values?: readonly string[]; flag?: boolean }>):
  { options: Record<string, string | true>; positional: string[] } | { error: string } {
  const options: Record<string, string | true> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const [rawName, inlineValue] = arg.split(/=(.*)/s, 2) as [string, string | undefined];
    const name = rawName.replace(/^--?/, '');
    const spec = known[name];
    if (!spec) return { error: `ukendt tilvalg ${rawName}` };
    if (spec.flag) {
      options[name] = true;
      continue;
    }
    const value = inlineValue ?? args[++i];
    if (value === undefined) return { error: `${rawName} mangler en værdi` };
    if (spec.values && !spec.values.includes(value)) {
      return { error: `${rawName} skal være en af ${spec.values.join(', ')}, ikke "${value}"` };
    }
    options[name] = value;
  }
  return { options, positional };
}

export type LoadedPlan = { ok: true; plan: PlanFile } | { ok: false; message: string; problems?: FileProblem[] };

/** Reads and validates a plan file; never throws. */
export async function loadPlanFile(path: string): Promise<LoadedPlan> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return { ok: false, message: `${path} er ikke en fil` };
    if (info.size > DEFAULT_MAX_FILE_BYTES) {
      return { ok: false, message: `${path} er for stor (${Math.round(info.size / 1024 / 1024)} MB; grænsen er ${DEFAULT_MAX_FILE_BYTES / 1024 / 1024} MB)` };
    }
    const result = readPlanText(await readFile(path, 'utf8'));
    if (result.ok) return { ok: true, plan: result.plan };
    return { ok: false, message: `${path}: ${formatProblems(result.problems)}`, problems: result.problems };
  } catch (error) {
    return { ok: false, message: `Kan ikke læse ${path}: ${fileErrorReason(error)}` };
  }
}

/** A file system error as a Danish reason ("mappen findes ikke"), never Node's English message or a stack. */
export function fileErrorReason(error: unknown, writing = false): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT': return writing ? 'mappen findes ikke' : 'filen findes ikke';
    case 'EACCES': case 'EPERM': return writing ? 'ingen adgang til at skrive der' : 'ingen adgang til filen';
    case 'EISDIR': return 'det er en mappe, ikke en fil';
    case 'ENOTDIR': return 'en del af stien er en fil, ikke en mappe';
    case 'ENOSPC': return 'der er ikke mere plads på disken';
    case 'EROFS': return 'stedet kan kun læses, ikke skrives';
    default: return `uventet fejl${code ? ` (${code})` : ''}`;
  }
}

type PlanCommandInput =
  | { ok: true; plan: PlanFile; options: Record<string, string | true>; asJson: boolean }
  | { ok: false; exit: number };

/** The shared start of `check` and `status`: options, one file, read and validated; an invalid file exits 2. */
async function readPlanCommand(
  args: string[],
  usage: string,
  io: CliIO,
  extra: Record<string, { values?: readonly string[] }> = {},
): Promise<PlanCommandInput> {
  const parsed = parseArgs(args, { format: { values: ['text', 'json'] }, ...extra });
  const asJson = !('error' in parsed) && parsed.options.format === 'json';
  const fail = (message: string, problems?: FileProblem[]): PlanCommandInput => {
    if (asJson) io.out(`${JSON.stringify({ error: message, problems: problems ?? [] }, null, 2)}\n`);
    else io.err(`${message}\n`);
    return { ok: false, exit: EXIT_INVALID };
  };
  if ('error' in parsed) return fail(`${parsed.error}\nBrug: ${usage}`);
  if (parsed.positional.length !== 1) return fail(`Angiv præcis én planfil.\nBrug: ${usage}`);
  const path = parsed.positional[0]!;
  const loaded = await loadPlanFile(path);
  if (!loaded.ok && loaded.problems && asJson) return fail(`Filen ${path} er ugyldig og blev ikke læst.`, loaded.problems);
  if (!loaded.ok) return fail(loaded.message, loaded.problems);
  return { ok: true, plan: loaded.plan, options: parsed.options, asJson };
}

COMMANDS.set('check', {
  summary: 'tjek en planfil mod reglerne og vis dækningen',
  usage: 'forandringskort check FIL [--format text|json]',
  async run(args, io) {
    const input = await readPlanCommand(args, this.usage, io);
    if (!input.ok) return input.exit;
    const result = checkPlan(input.plan);
    io.out(input.asJson ? `${JSON.stringify(checkResultToJson(result), null, 2)}\n` : formatCheckText(result, input.plan));
    return result.findings.some((f) => f.severity === 'error') ? EXIT_FINDINGS : EXIT_OK;
  },
});

/** `--year 2014`: a whole number; absent means the current year. */
export function parseYearOption(value: string | true | undefined): number | { error: string } {
  const year = parseYear(value);
  return year ?? { error: `--year skal være et årstal som 2014, ikke "${String(value)}"` };
}

COMMANDS.set('status', {
  summary: 'opfølgning for et år: indikatorernes delmål, målinger og status, aktiviteternes fremdrift',
  usage: 'forandringskort status FIL [--year ÅR] [--format text|json]',
  async run(args, io) {
    const input = await readPlanCommand(args, this.usage, io, { year: {} });
    if (!input.ok) return input.exit;
    const year = parseYearOption(input.options.year);
    if (typeof year !== 'number') {
      io.err(`${year.error}\nBrug: ${this.usage}\n`);
      return EXIT_INVALID;
    }
    // a year outside the plan is a warning, not a refusal: the spec's exit status is 0 for a valid file
    const outside = yearOutsidePlan(input.plan, year);
    if (outside) io.err(`Advarsel: ${outside}\n`);
    const status = planStatus(input.plan, year);
    io.out(input.asJson ? `${JSON.stringify(planStatusToJson(status), null, 2)}\n` : formatStatusText(input.plan, status));
    return EXIT_OK;
  },
});

function help(): string {
  const lines = ['Forandringskort — forandringsteorier for boligsociale helhedsplaner', '', 'Kommandoer:'];
  for (const [name, command] of COMMANDS) lines.push(`  ${name.padEnd(8)} ${command.summary}`, `           ${command.usage}`);
  return `${lines.join('\n')}\n`;
}

/** Loads the export/import commands (they register themselves in COMMANDS); they pull in docx, exceljs and resvg. */
async function registerExportCommands(): Promise<void> {
  await import('./cli-export.ts');
}

export async function main(args: string[], io: CliIO = defaultIO): Promise<number> {
  const [name, ...rest] = args;
  // `check` needs none of the export libraries: loading them only for other commands keeps it fast.
  if (!name || !COMMANDS.has(name)) await registerExportCommands();
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(help());
    return name ? EXIT_OK : EXIT_INVALID;
  }
  const command = COMMANDS.get(name);
  if (!command) {
    io.err(`Ukendt kommando "${name}".\n${help()}`);
    return EXIT_INVALID;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`Brug: ${command.usage}\n`);
    return EXIT_OK;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    // the last net: a message, never a stack trace (the commands handle what they expect themselves)
    io.err(`${name} mislykkedes: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_INVALID;
  }
}
