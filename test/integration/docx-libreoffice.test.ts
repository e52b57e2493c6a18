// The Word plan as a programme manager sees it in a real office suite: exported by the CLI, converted to PDF by
// LibreOffice Writer (headless) and read back with pdftotext. Every page after the title page carries its number in
// the footer, the contents list every heading with the page LibreOffice puts it on (within one page: the numbers are
// laid out for Word's metrics, see README), and no line ends in a hyphen that is not in the plan's own words.
// Skipped only when soffice or pdftotext is missing outside CI; in CI (CI=true) missing tools fail the test.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PlanFile } from '../../model/schema.ts';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'forandringskort.mjs');
const dir = mkdtempSync(join(tmpdir(), 'fk-writer-'));

function tool(name: string): string | null {
  const which = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return which.status === 0 && which.stdout.trim() ? which.stdout.trim() : null;
}
const soffice = tool('soffice') ?? (existsSync('/usr/bin/libreoffice') ? '/usr/bin/libreoffice' : null);
const pdftotext = tool('pdftotext');
const inCi = process.env.CI === 'true';

/** A plan built from nothing, as in the issue: two indsatsområder, a shared resultat, effekt and mål. */
const small: PlanFile = {
  format: 'forandringskort/v1',
  plan: { title: 'Fælles om Nordvest', period: { from: 2024, to: 2027 } },
  focusAreas: [{ id: 'f1', title: 'Børn og unge' }, { id: 'f2', title: 'Beskæftigelse' }],
  nodes: [
    { id: 'a1', kind: 'aktivitet', title: 'Fritidsjobformidling', focusArea: 'f1' },
    { id: 'o1', kind: 'output', title: '30 unge i fritidsjob', focusArea: 'f1' },
    { id: 'a2', kind: 'aktivitet', title: 'Jobcafé for voksne', focusArea: 'f2' },
    { id: 'o2', kind: 'output', title: '60 beboere til samtale', focusArea: 'f2' },
    { id: 'r1', kind: 'resultat', title: 'Flere beboere får erhvervserfaring' },
    { id: 'e1', kind: 'effekt', title: 'Højere beskæftigelsesfrekvens i boligområdet' },
    { id: 'm1', kind: 'maal', title: 'Flere i job og uddannelse' },
    { id: 'i1', kind: 'indikator', title: 'Antal unge i fritidsjob', unit: 'unge', focusArea: 'f1', target: { value: 30, year: 2025 } },
  ],
  edges: [
    { from: 'a1', to: 'o1', kind: 'leder-til', rationale: 'Formidlingen skaber kontakten til arbejdsgiverne', assumptions: ['Lokale butikker vil ansætte unge'] },
    { from: 'o1', to: 'r1', kind: 'leder-til' },
    { from: 'a2', to: 'o2', kind: 'leder-til' },
    { from: 'o2', to: 'r1', kind: 'leder-til' },
    { from: 'r1', to: 'e1', kind: 'leder-til' },
    { from: 'e1', to: 'm1', kind: 'bidrager-til' },
    { from: 'o1', to: 'i1', kind: 'maales-ved' },
  ],
};

/** CLI export to docx, LibreOffice to PDF (a private profile, so parallel runs do not clash), pdftotext per page. */
function pdfPages(planPath: string, name: string): string[] {
  const docx = join(dir, `${name}.docx`);
  execFileSync(process.execPath, [bin, 'export', planPath, '--to', 'docx', '-o', docx], { stdio: 'pipe', timeout: 240_000 });
  execFileSync(soffice!, [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx], { stdio: 'pipe', timeout: 240_000 });
  const text = execFileSync(pdftotext!, ['-layout', join(dir, `${name}.pdf`), '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return text.split('\f').slice(0, -1);
}

function expectLikeAPaper(pages: string[], plan: PlanFile): void {
  expect(pages.length).toBeGreaterThan(2);
  // the footer of every page but the title page: "… · side N", N its place in the document
  pages.slice(1).forEach((page, i) => expect(page.trimEnd(), `side ${i + 2}`).toMatch(new RegExp(`side ${i + 2}$`)));
  // the contents: numbered headings with page numbers, each found on (or within one of) the page it names
  const contents = pages[1]!.split('\n').map((line) => line.match(/^\s*(\d+(?:\.\d+)*)\s+(.+?)\s*\.{3,}\s*(\d+)\s*$/)).filter((m) => m !== null);
  expect(contents.length).toBeGreaterThanOrEqual(2 + (plan.focusAreas ?? []).length);
  let previous = 0;
  for (const [, number, title, page] of contents) {
    const start = new RegExp(`^\\s*${number!.replace(/\./g, '\\.')}\\s+${title!.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm');
    const actual = pages.findIndex((p, i) => i > 1 && start.test(p)) + 1;
    expect(actual, `${number} ${title} is in the document`).toBeGreaterThan(2);
    expect(Math.abs(Number(page) - actual), `${number} ${title}: contents say ${page}, LibreOffice puts it on ${actual}`).toBeLessThanOrEqual(1);
    expect(Number(page)).toBeGreaterThanOrEqual(previous);
    previous = Number(page);
  }
  // no hyphen inserted inside a word: a line ending in "ord-" goes on with the rest of a word the plan writes with that
  // hyphen, never with the rest of a word it writes without one (and no soft hyphen at all)
  const all = pages.join('\n');
  expect(all).not.toContain('\u00ad');
  const tokens = (text: string) => text.toLowerCase().match(/[\p{L}\d]+(?:-[\p{L}\d]+)*/gu) ?? [];
  // the words as written: in the plan, and unbroken anywhere in the PDF (the tool's own text too)
  const words = new Set([...tokens(JSON.stringify(plan)), ...tokens(all)]);
  const lines = all.split('\n').map((l) => l.trim());
  lines.forEach((line, i) => {
    const head = line.match(/([\p{L}\d]+(?:-[\p{L}\d]+)*)-$/u)?.[1];
    const tail = lines[i + 1]?.match(/^([\p{Ll}\d]+)/u)?.[1];
    if (!head || !tail) return;
    const kept = `${head}-${tail}`.toLowerCase(); // the hyphen is the word's own ("Familiehøjskole-/kursus")
    const inserted = [`${head}${tail}`, `${head}${tail}`.replace(/-/g, '')].map((w) => w.toLowerCase());
    expect(!words.has(kept) && inserted.some((w) => words.has(w)), `"${head}-" / "${tail}" breaks the word "${inserted[0]}"`).toBe(false);
  });
}

describe.skipIf((!soffice || !pdftotext) && !inCi)('the Word plan converted to PDF by LibreOffice', () => {
  it('has soffice and pdftotext in CI', () => {
    expect(soffice, 'LibreOffice (soffice) mangler; .ci/run installerer libreoffice-writer-nogui').not.toBeNull();
    expect(pdftotext, 'pdftotext mangler; .ci/run installerer poppler-utils').not.toBeNull();
  });

  it('a small plan built from nothing: page numbers, contents with numbers, no broken words', () => {
    const path = join(dir, 'small.json');
    writeFileSync(path, JSON.stringify(small));
    const pages = pdfPages(path, 'small');
    expectLikeAPaper(pages, small);
    // the Antagelser table of Børn og unge lists its one assumption
    expect(pages.join('\n')).toMatch(/Lokale butikker vil/); // a table cell: the rest may wrap
  }, 300_000);

  it('Rum for Liv: page numbers, contents with numbers, no broken words', () => {
    const path = join(root, 'examples', 'rum-for-liv.json');
    expectLikeAPaper(pdfPages(path, 'rum-for-liv'), JSON.parse(readFileSync(path, 'utf8')) as PlanFile);
  }, 400_000);
});
