/**
 * The `forandringskort` command. Sub-commands register themselves in COMMANDS; each returns its exit status.
 * Output goes through the `io` object so that tests and other front ends can capture it.
 */
import { readFile, stat } from 'node:fs/promises';
import { checkPlan, checkResultToJson } from '../model/rules.ts';
import { formatCheckText } from '../model/report.ts';
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
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'filen findes ikke' : code === 'EACCES' ? 'ingen adgang til filen' : (error as Error).message;
    return { ok: false, message: `Kan ikke læse ${path}: ${reason}` };
  }
}

COMMANDS.set('check', {
  summary: 'tjek en planfil mod reglerne og vis dækningen',
  usage: 'forandringskort check FIL [--format text|json]',
  async run(args, io) {
    const parsed = parseArgs(args, { format: { values: ['text', 'json'] } });
    const asJson = !('error' in parsed) && parsed.options.format === 'json';
    const fail = (message: string, problems?: FileProblem[]) => {
      if (asJson) io.out(`${JSON.stringify({ error: message, problems: problems ?? [] }, null, 2)}\n`);
      else io.err(`${message}\n`);
      return EXIT_INVALID;
    };
    if ('error' in parsed) return fail(`${parsed.error}\nBrug: ${this.usage}`);
    if (parsed.positional.length !== 1) return fail(`Angiv præcis én planfil.\nBrug: ${this.usage}`);
    const path = parsed.positional[0]!;
    const loaded = await loadPlanFile(path);
    if (!loaded.ok && loaded.problems && asJson) return fail(`Filen ${path} er ugyldig og blev ikke læst.`, loaded.problems);
    if (!loaded.ok) return fail(loaded.message, loaded.problems);
    const result = checkPlan(loaded.plan);
    io.out(asJson ? `${JSON.stringify(checkResultToJson(result), null, 2)}\n` : formatCheckText(result, loaded.plan));
    return result.findings.some((f) => f.severity === 'error') ? EXIT_FINDINGS : EXIT_OK;
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
  return command.run(rest, io);
}
