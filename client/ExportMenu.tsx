/**
 * Export and import in the editor. The canvas image (PNG/SVG) is made in the browser with html-to-image as React
 * Flow documents it; Word and the other formats come from the server's export endpoint (the same code as the CLI),
 * so the Word figures are drawn from the plan itself, never a screenshot with someone's cursor in it. Import replaces the live plan in one transaction that can be undone.
 */
import { getNodesBounds, getViewportForBounds, useReactFlow } from '@xyflow/react';
import { toPng, toSvg } from 'html-to-image';
import { useState } from 'react';
import { withPositions } from '../model/layout.ts';
import { readPlanText } from '../model/schema.ts';
import { docToPlan, replacePlan } from '../model/ydoc.ts';
import { saveVersionBeforeReplace, type PlanSession } from './connection.ts';
import { FileButton } from './FileButton.tsx';
import { useI18n } from './i18n.tsx';

const IMAGE_WIDTH = 2400;

function download(href: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  a.click();
}

/** `canImport`: only the facilitator replaces the whole plan with a file. */
export function ExportMenu({ session, readOnly, canImport, onNotice }: { session: PlanSession; readOnly: boolean; canImport: boolean; onNotice: (message: string) => void }) {
  const { t } = useI18n();
  const flow = useReactFlow();
  const [busy, setBusy] = useState(false);
  // the Word plan's numbering and contents, as in a real helhedsplan (the export table's options `section`, `planOnly`)
  const [chapter, setChapter] = useState('1');
  const [planOnly, setPlanOnly] = useState(false);
  const chapterNumber = /^\d{1,2}$/.test(chapter.trim()) && Number(chapter) >= 1 ? Number(chapter) : null;

  /** The whole diagram as an image, framed on all nodes whatever the current viewport. */
  const canvasImage = async (kind: 'png' | 'svg') => {
    const viewportElement = document.querySelector<HTMLElement>('.react-flow__viewport');
    if (!viewportElement) throw new Error(t('Åbn kortet først.', 'Open the map first.'));
    const bounds = getNodesBounds(flow.getNodes());
    const height = Math.max(600, Math.round((IMAGE_WIDTH * bounds.height) / Math.max(bounds.width, 1)));
    const viewport = getViewportForBounds(bounds, IMAGE_WIDTH, height, 0.05, 2, 0.05);
    const options = {
      backgroundColor: '#ffffff',
      width: IMAGE_WIDTH,
      height,
      style: { width: `${IMAGE_WIDTH}px`, height: `${height}px`, transform: `translate(${viewport.x}px, ${viewport.y}px) scale(${viewport.zoom})` },
    };
    return { url: kind === 'png' ? await toPng(viewportElement, options) : await toSvg(viewportElement, options), width: IMAGE_WIDTH, height };
  };

  const run = async (task: () => Promise<void>) => {
    setBusy(true);
    try {
      await task();
    } catch (error) {
      onNotice(`${t('Eksporten mislykkedes', 'The export failed')}: ${(error as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  const image = (kind: 'png' | 'svg') => run(async () => download((await canvasImage(kind)).url, `${docToPlan(session.doc).plan.title || 'plan'}.${kind}`));

  const fromServer = (format: string, options: Record<string, string> = {}) => {
    const query = new URLSearchParams({ format, ...options, token: session.token });
    download(`/api/plans/${session.planId}/export?${query}`, '');
  };

  const word = () => {
    if (chapterNumber === null) return onNotice(t('Kapitelnummeret skal være et tal fra 1 til 99, fx 5.', 'The chapter number must be a number from 1 to 99, e.g. 5.'));
    fromServer('docx', { section: String(chapterNumber), ...(planOnly ? { planOnly: '1' } : {}) });
  };

  const json = () => {
    const plan = docToPlan(session.doc);
    const url = URL.createObjectURL(new Blob([`${JSON.stringify(plan, null, 2)}\n`], { type: 'application/json' }));
    download(url, `${plan.plan.title || 'plan'}.json`);
    URL.revokeObjectURL(url);
  };

  const importFile = (file: File) => run(async () => {
    let result: { ok: true; plan: ReturnType<typeof docToPlan> } | { ok: false; problems: { path: string; message: string }[] };
    if (file.name.toLowerCase().endsWith('.xlsx')) {
      const { importXlsx } = await import('../model/export/xlsx.ts');
      result = await importXlsx(new Uint8Array(await file.arrayBuffer()));
    } else {
      result = readPlanText(await file.text());
    }
    if (!result.ok) {
      onNotice(`${t('Filen blev ikke importeret', 'The file was not imported')}: ${result.problems.slice(0, 5).map((p) => (p.message.includes(p.path) ? p.message : `${p.path}: ${p.message}`)).join(' · ')}`);
      return;
    }
    await saveVersionBeforeReplace(session, 'import');
    session.undoManager.stopCapturing();
    // a file without positions (a spreadsheet, another tool) arrives laid out: levels in columns, a lane per area
    replacePlan(session.doc, withPositions(result.plan), session.localOrigin);
    session.undoManager.stopCapturing();
    onNotice(t(`Planen er erstattet af ${file.name}. Fortryd (Ctrl+Z) bringer den gamle tilbage.`, `The plan was replaced by ${file.name}. Undo (Ctrl+Z) brings the old one back.`));
  });

  return (
    <div className="export-menu" aria-busy={busy}>
      <button type="button" onClick={word} data-testid="export-docx">{t('Word (helhedsplan)', 'Word (master plan)')}</button>
      <button type="button" onClick={() => fromServer('xlsx')} data-testid="export-xlsx">{t('Excel', 'Excel')}</button>
      <button type="button" onClick={() => fromServer('md')} data-testid="export-md">Markdown</button>
      <button type="button" onClick={() => fromServer('csv')} data-testid="export-csv">{t('Dækning (CSV)', 'Coverage (CSV)')}</button>
      <button type="button" onClick={() => void image('png')} disabled={busy} data-testid="export-png">{t('Billede (PNG)', 'Image (PNG)')}</button>
      <button type="button" onClick={() => void image('svg')} disabled={busy} data-testid="export-svg">{t('Billede (SVG)', 'Image (SVG)')}</button>
      <button type="button" onClick={json} data-testid="export-json">{t('Planfil (JSON)', 'Plan file (JSON)')}</button>
      <details className="word-options">
        <summary>{t('Word: nummerering og indhold', 'Word: numbering and contents')}</summary>
        <label>
          {t('Kapitelnummer i helhedsplanen', 'Chapter number in the master plan')}
          <input type="text" inputMode="numeric" value={chapter} onChange={(event) => setChapter(event.target.value)} maxLength={2} aria-invalid={chapterNumber === null || undefined} aria-describedby="word-chapter-hint" data-testid="word-chapter" />
        </label>
        <p id="word-chapter-hint" className="muted">
          {chapterNumber === null
            ? t('Skriv et tal fra 1 til 99.', 'Enter a number from 1 to 99.')
            : t(`Indsatsområderne bliver ${chapterNumber}.1, ${chapterNumber}.2 …, aktiviteterne ${chapterNumber}.1.1 …`, `Focus areas become ${chapterNumber}.1, ${chapterNumber}.2 …, activities ${chapterNumber}.1.1 …`)}
        </p>
        <label className="check">
          <input type="checkbox" checked={planOnly} onChange={(event) => setPlanOnly(event.target.checked)} data-testid="word-plan-only" />
          {t('Kun planens kapitel (uden værktøjets dækning og åbne fund)', 'Only the plan’s chapter (without the tool’s coverage and open findings)')}
        </label>
      </details>
      {canImport && !readOnly && (
        <div className="import-button">
          <p>{t('Importér en planfil eller et Excel-ark. Det erstatter hele planen (Fortryd bringer den tilbage).', 'Import a plan file or an Excel sheet. It replaces the whole plan (Undo brings it back).')}</p>
          <FileButton label={t('Vælg planfil …', 'Choose plan file …')} accept=".json,.xlsx,application/json" testId="import-file" onFile={(file) => void importFile(file)} />
        </div>
      )}
    </div>
  );
}
