/** `forandringskort check` and `forandringskort status`: a plan file against the rules, and a year's follow-up. */
import { checkPlan, checkResultToJson } from '../model/rules.ts';
import { formatCheckText } from '../model/report.ts';
import { planStatus, planStatusToJson, yearOutsidePlan } from '../model/status.ts';
import { formatStatusText } from '../model/status-report.ts';
import { EXIT_FINDINGS, EXIT_INVALID, EXIT_OK, parseYearOption, readPlanCommand, type CliIO } from './cli-support.ts';

export async function check(args: string[], io: CliIO, usage: string): Promise<number> {
  const input = await readPlanCommand(args, usage, io);
  if (!input.ok) return input.exit;
  const result = checkPlan(input.plan);
  io.out(
    input.asJson ? `${JSON.stringify(checkResultToJson(result), null, 2)}\n` : formatCheckText(result, input.plan),
  );
  return result.findings.some((f) => f.severity === 'error') ? EXIT_FINDINGS : EXIT_OK;
}

export async function status(args: string[], io: CliIO, usage: string): Promise<number> {
  const input = await readPlanCommand(args, usage, io, { year: {} });
  if (!input.ok) return input.exit;
  const year = parseYearOption(input.options.year);
  if (typeof year !== 'number') {
    io.err(`${year.error}\nBrug: ${usage}\n`);
    return EXIT_INVALID;
  }
  // a year outside the plan is a warning, not a refusal: the spec's exit status is 0 for a valid file
  const outside = yearOutsidePlan(input.plan, year);
  if (outside) io.err(`Advarsel: ${outside}\n`);
  const status = planStatus(input.plan, year);
  io.out(
    input.asJson ? `${JSON.stringify(planStatusToJson(status), null, 2)}\n` : formatStatusText(input.plan, status),
  );
  return EXIT_OK;
}
