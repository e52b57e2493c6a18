/**
 * The forandringskort/v1 plan file (../shared/spec/forandringskort-v1.md, section 1) as zod schemas,
 * with the TypeScript types inferred from them, and the reader that refuses an invalid file whole.
 *
 * Project extensions (optional keys the spec allows us to add):
 * - node `position` `{x, y}`: the node's place on the canvas.
 * - focus area `problem`: the plan's "Problemkompleks" text for the indsatsområde.
 * - indikator `code`: the key of a shared indicator set (Landsbyggefonden's Boligsociale Data, a kommune's own
 *   list): indikatorer of different plans with the same code are compared in a portfolio (model/portfolio.ts).
 * Keys we do not know inside plan, focus areas, nodes and edges are kept as they are (users' scripts may add
 * their own); an unknown top-level key makes the file invalid, as the spec says.
 */
import * as z from 'zod';
import { MAX_VALUE_DEPTH, valueProblem } from './values.ts';

export const FORMAT = 'forandringskort/v1';

export const NODE_KINDS = ['aktivitet', 'output', 'resultat', 'effekt', 'maal', 'indikator'] as const;
export const EDGE_KINDS = ['leder-til', 'bidrager-til', 'maales-ved'] as const;
export const ANCHORING_STRATEGIES = ['frivillige', 'beboeransatte', 'partnerskab', 'kommunal', 'ingen'] as const;
export const STATUSES = ['groen', 'gul', 'roed'] as const;
export const HORIZONS = ['kort', 'lang'] as const;
/** Which way an indikator is better (section 5): `op` higher, `ned` lower. `op` when absent. */
export const DIRECTIONS = ['op', 'ned'] as const;

export type NodeKind = (typeof NODE_KINDS)[number];
export type EdgeKind = (typeof EDGE_KINDS)[number];
export type AnchoringStrategy = (typeof ANCHORING_STRATEGIES)[number];
export type Status = (typeof STATUSES)[number];
export type Horizon = (typeof HORIZONS)[number];
export type Direction = (typeof DIRECTIONS)[number];

/** Levels of a file above one stored value (`nodes[3].anchoring`): the file, the list, the object. */
const FILE_VALUE_NESTING = 3;

/** Longest id we accept for nodes, edges and focus areas. */
export const MAX_ID_LENGTH = 200;

const id = z.string().min(1).max(MAX_ID_LENGTH);
const year = z.number().int();
const finite = z.number().finite();

export const periodSchema = z.looseObject({ from: year, to: year });

export const planInfoSchema = z.looseObject({
  title: z.string(),
  organisation: z.string().optional(),
  area: z.string().optional(),
  period: periodSchema.optional(),
  vision: z.string().optional(),
});

export const focusAreaSchema = z.looseObject({
  id,
  title: z.string(),
  purpose: z.array(z.string()).optional(),
  problem: z.string().optional(),
});

export const anchoringSchema = z.looseObject({
  strategy: z.enum(ANCHORING_STRATEGIES).optional(),
  partner: z.string().optional(),
  note: z.string().optional(),
});

export const valueYearSchema = z.looseObject({ value: finite.optional(), year: year.optional() });

export const measurementSchema = z.looseObject({
  date: z.string(),
  value: finite,
  note: z.string().optional(),
  source: z.string().optional(),
});

/** A yearly milestone (delmål, the plan's "succeskriterier (2014)"), section 5. */
export const milestoneSchema = z.looseObject({
  year,
  value: finite,
  note: z.string().optional(),
});

/** An indikator's milestones: one per year, a repeated year names the later item's path. */
export const milestonesSchema = z.array(milestoneSchema).superRefine((items, ctx) => {
  const seen = new Map<number, number>();
  items.forEach((item, index) => {
    const first = seen.get(item.year);
    if (first === undefined) seen.set(item.year, index);
    else ctx.addIssue({ code: 'custom', path: [index, 'year'], input: item.year, message: `året ${item.year} har allerede et delmål (targets[${first}])` });
  });
});

/** `YYYY-MM-DD`, a real calendar date. */
export const isoDateSchema = z.iso.date({ message: 'forventede en dato som ÅÅÅÅ-MM-DD' });

/** One judgement of fremdrift in a node's history (section 5). */
export const statusEntrySchema = z.looseObject({
  date: isoDateSchema,
  status: z.enum(STATUSES),
  note: z.string().optional(),
  by: z.string().optional(),
});

export const positionSchema = z.object({ x: finite, y: finite });

export const nodeSchema = z.looseObject({
  id,
  kind: z.enum(NODE_KINDS),
  title: z.string(),
  focusArea: z.string().optional(),
  description: z.string().optional(),
  targetGroup: z.string().optional(),
  responsible: z.string().optional(),
  partners: z.array(z.string()).optional(),
  resources: z.string().optional(),
  localEvaluation: z.string().optional(),
  anchoring: anchoringSchema.optional(),
  status: z.enum(STATUSES).optional(),
  horizon: z.enum(HORIZONS).optional(),
  external: z.boolean().optional(),
  unit: z.string().optional(),
  baseline: valueYearSchema.optional(),
  target: valueYearSchema.optional(),
  source: z.string().optional(),
  frequency: z.string().optional(),
  measurements: z.array(measurementSchema).optional(),
  direction: z.enum(DIRECTIONS).optional(),
  code: z.string().max(MAX_ID_LENGTH).optional(),
  targets: milestonesSchema.optional(),
  statusLog: z.array(statusEntrySchema).optional(),
  position: positionSchema.optional(),
});

export const edgeSchema = z.looseObject({
  id: id.optional(),
  from: z.string(),
  to: z.string(),
  kind: z.enum(EDGE_KINDS),
  rationale: z.string().optional(),
  assumptions: z.array(z.string()).optional(),
});

export const planFileSchema = z.strictObject({
  format: z.literal(FORMAT),
  plan: planInfoSchema,
  focusAreas: z.array(focusAreaSchema).optional(),
  nodes: z.array(nodeSchema),
  edges: z.array(edgeSchema),
});

export type PlanInfo = z.infer<typeof planInfoSchema>;
export type FocusArea = z.infer<typeof focusAreaSchema>;
export type Anchoring = z.infer<typeof anchoringSchema>;
export type ValueYear = z.infer<typeof valueYearSchema>;
export type Measurement = z.infer<typeof measurementSchema>;
export type Milestone = z.infer<typeof milestoneSchema>;
export type StatusEntry = z.infer<typeof statusEntrySchema>;
export type Position = z.infer<typeof positionSchema>;
export type PlanNode = z.infer<typeof nodeSchema>;
export type PlanEdge = z.infer<typeof edgeSchema>;
export type PlanFile = z.infer<typeof planFileSchema>;

/** One problem in a file: the JSON path (`nodes[3].kind`) and what was expected, in Danish. */
export interface FileProblem {
  path: string;
  message: string;
}

export type ReadResult = { ok: true; plan: PlanFile } | { ok: false; problems: FileProblem[] };

/** Default upper bound for a plan file's text, in bytes. */
export const DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024;
/** How many problems we list before saying "and N more". */
const MAX_LISTED_PROBLEMS = 200;

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(roden)' : out;
}

const TYPE_NAMES_DA: Record<string, string> = {
  string: 'en tekst',
  number: 'et tal',
  int: 'et heltal',
  boolean: 'true eller false',
  object: 'et objekt',
  array: 'en liste',
  undefined: 'ingen værdi',
  null: 'null',
};

function describeValue(value: unknown): string {
  if (value === undefined) return 'intet';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'en liste';
  if (typeof value === 'string') return `teksten ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number') return `tallet ${value}`;
  if (typeof value === 'boolean') return String(value);
  return TYPE_NAMES_DA[typeof value] ?? typeof value;
}

/** One zod issue as a Danish phrase ("forventede et tal, fik …"); the Yjs binding uses it for its errors too. */
export function issueMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `mangler (påkrævet: ${TYPE_NAMES_DA[issue.expected] ?? issue.expected})`;
      return `forventede ${TYPE_NAMES_DA[issue.expected] ?? issue.expected}, fik ${describeValue(issue.input)}`;
    case 'invalid_value':
      if (issue.input === undefined) {
        return `mangler (påkrævet: ${issue.values.length === 1 ? JSON.stringify(issue.values[0]) : `en af ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`})`;
      }
      if (issue.values.length === 1) return `forventede ${JSON.stringify(issue.values[0])}, fik ${describeValue(issue.input)}`;
      return `forventede en af ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, fik ${describeValue(issue.input)}`;
    case 'unrecognized_keys':
      return `ukendt nøgle ${issue.keys.map((k) => JSON.stringify(k)).join(', ')} (tilladt: format, plan, focusAreas, nodes, edges)`;
    case 'too_small':
      return issue.origin === 'string' ? 'må ikke være tom' : `skal være mindst ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'string' ? `er for lang (højst ${String(issue.maximum)} tegn)` : `skal være højst ${String(issue.maximum)}`;
    default:
      return issue.message;
  }
}

function unrecognizedKeyProblems(issue: z.core.$ZodIssue): FileProblem[] | null {
  if (issue.code !== 'unrecognized_keys') return null;
  return issue.keys.map((key) => ({
    path: formatPath([...issue.path, key]),
    message: `ukendt nøgle ${JSON.stringify(key)} (tilladt: format, plan, focusAreas, nodes, edges)`,
  }));
}

/** Problems that need the whole file: repeated ids, unknown focus areas, edges to nodes that do not exist. */
function referenceProblems(data: unknown): FileProblem[] {
  if (typeof data !== 'object' || data === null) return [];
  const file = data as Record<string, unknown>;
  const problems: FileProblem[] = [];
  const nodes = Array.isArray(file.nodes) ? file.nodes : [];
  const edges = Array.isArray(file.edges) ? file.edges : [];
  const focusAreas = Array.isArray(file.focusAreas) ? file.focusAreas : [];

  const focusAreaIds = new Set<string>();
  focusAreas.forEach((area, index) => {
    const areaId = (area as { id?: unknown } | null)?.id;
    if (typeof areaId !== 'string') return;
    if (focusAreaIds.has(areaId)) {
      problems.push({ path: `focusAreas[${index}].id`, message: `indsatsområdets id ${JSON.stringify(areaId)} er brugt før` });
    }
    focusAreaIds.add(areaId);
  });

  const nodeIds = new Set<string>();
  nodes.forEach((node, index) => {
    const record = (typeof node === 'object' && node !== null ? node : {}) as Record<string, unknown>;
    if (typeof record.id === 'string') {
      if (nodeIds.has(record.id)) {
        problems.push({ path: `nodes[${index}].id`, message: `id ${JSON.stringify(record.id)} er brugt af en tidligere node` });
      }
      nodeIds.add(record.id);
    }
    if (typeof record.focusArea === 'string' && !focusAreaIds.has(record.focusArea)) {
      problems.push({
        path: `nodes[${index}].focusArea`,
        message: `indsatsområdet ${JSON.stringify(record.focusArea)} findes ikke i focusAreas`,
      });
    }
  });

  const edgeIds = new Set<string>();
  edges.forEach((edge, index) => {
    const record = (typeof edge === 'object' && edge !== null ? edge : {}) as Record<string, unknown>;
    for (const end of ['from', 'to'] as const) {
      const ref = record[end];
      if (typeof ref === 'string' && !nodeIds.has(ref)) {
        problems.push({ path: `edges[${index}].${end}`, message: `forventede id på en node, men ${JSON.stringify(ref)} findes ikke` });
      }
    }
    if (typeof record.id === 'string') {
      if (edgeIds.has(record.id)) {
        problems.push({ path: `edges[${index}].id`, message: `kantens id ${JSON.stringify(record.id)} er brugt før` });
      }
      edgeIds.add(record.id);
    }
  });
  return problems;
}

/** Validates parsed JSON as a forandringskort/v1 file, listing every problem by JSON path. */
export function validatePlan(data: unknown): ReadResult {
  // depth and characters first (model/values.ts): a hostile depth must not reach the schema's recursion
  const valueIssue = valueProblem(data, { maxDepth: MAX_VALUE_DEPTH + FILE_VALUE_NESTING });
  if (valueIssue) return { ok: false, problems: [{ path: valueIssue.path || '(roden)', message: valueIssue.message }] };
  const parsed = planFileSchema.safeParse(data, { reportInput: true });
  const problems: FileProblem[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push(...(unrecognizedKeyProblems(issue) ?? [{ path: formatPath(issue.path), message: issueMessage(issue) }]));
    }
  }
  problems.push(...referenceProblems(data));
  if (problems.length > 0 || !parsed.success) return { ok: false, problems: limitProblems(problems) };
  return { ok: true, plan: parsed.data };
}

function limitProblems(problems: FileProblem[]): FileProblem[] {
  if (problems.length <= MAX_LISTED_PROBLEMS) return problems;
  const rest = problems.length - MAX_LISTED_PROBLEMS;
  return [...problems.slice(0, MAX_LISTED_PROBLEMS), { path: '…', message: `og ${rest} problemer mere` }];
}

/** Reads a plan file's text: size-bounded JSON parse, then validation. Never throws on bad input. */
export function readPlanText(text: string, options: { maxBytes?: number } = {}): ReadResult {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  // string length counts UTF-16 units; a cheap bound before the exact byte count.
  if (text.length > maxBytes || byteLength(text) > maxBytes) {
    return { ok: false, problems: [{ path: '(roden)', message: `filen er større end grænsen på ${formatBytes(maxBytes)}` }] };
  }
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const message = error instanceof RangeError ? 'filen er ikke gyldig JSON: den er for dybt indlejret' : jsonSyntaxMessage(text, error as Error);
    return { ok: false, problems: [{ path: '(roden)', message }] };
  }
  try {
    return validatePlan(data);
  } catch (error) {
    if (error instanceof RangeError) {
      return { ok: false, problems: [{ path: '(roden)', message: 'filen er for dybt indlejret til at blive læst' }] };
    }
    throw error;
  }
}

/** Line and column (from 1) of an offset in a text. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/**
 * JSON.parse's English error as a Danish sentence with the place (line and column) where the parser stopped:
 * "filen er ikke gyldig JSON: den slutter midt i teksten (linje 3, kolonne 12); er den afkortet?".
 */
export function jsonSyntaxMessage(text: string, error: Error): string {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return 'filen er ikke gyldig JSON: den er tom';
  const at = /at position (\d+)/.exec(error.message);
  const offset = /Unexpected end of JSON input/.test(error.message) ? body.length : at ? Number(at[1]) : firstBadOffset(body);
  const token = /Unexpected token '(.+?)'/.exec(error.message)?.[1];
  if (offset === null) return `filen er ikke gyldig JSON${token ? ` (uventet tegn "${token}")` : ''}`;
  const { line, column } = lineAndColumn(body, offset);
  if (offset >= body.trimEnd().length) return `filen er ikke gyldig JSON: den slutter midt i teksten (linje ${line}, kolonne ${column}); er den afkortet?`;
  const found = body.slice(offset, offset + 1);
  return `filen er ikke gyldig JSON: uventet ${found.trim() ? `tegn "${found}"` : 'mellemrum'} i linje ${line}, kolonne ${column}`;
}

/**
 * Where JSON.parse stopped, when its message does not say (Node 20's "Unexpected token"): the shortest prefix that
 * is no longer the beginning of some JSON text ends at the bad character. Binary search, only on the error path.
 */
function firstBadOffset(text: string): number | null {
  const viable = (length: number) => {
    try {
      JSON.parse(text.slice(0, length));
      return true;
    } catch (error) {
      const message = (error as Error).message;
      const at = /at position (\d+)/.exec(message);
      return /end of JSON input/.test(message) || (at !== null && Number(at[1]) >= length);
    }
  };
  if (viable(text.length)) return null;
  let good = 0;
  let bad = text.length;
  while (bad - good > 1) {
    const middle = Math.floor((good + bad) / 2);
    if (viable(middle)) good = middle;
    else bad = middle;
  }
  return bad - 1;
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} kB`;
}

/** A multi-line Danish report of a refused file, one problem a line. */
export function formatProblems(problems: FileProblem[]): string {
  return ['Filen er ugyldig og blev ikke læst:', ...problems.map((p) => `  ${p.path}: ${p.message}`)].join('\n');
}
