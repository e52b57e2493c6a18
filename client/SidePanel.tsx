/** The right column: the inspector, dots and comments on the selection, the check, ideas, versions, export. */
import type { PlanEdge, PlanFile, PlanNode } from '../model/schema.ts';
import type { PlanSession } from './connection.ts';
import { ExportMenu } from './ExportMenu.tsx';
import type { LiveCheck } from './hooks.ts';
import { useI18n } from './i18n.tsx';
import { Inspector } from './Inspector.tsx';
import { FindingsPanel } from './Panels.tsx';
import { Ideas } from './workshop/Ideas.tsx';
import type { WorkshopState } from './workshop/useWorkshop.ts';
import { TargetWorkshop, Versions } from './workshop/WorkshopBar.tsx';

export function SidePanel({ session, plan, workshop, check, node: selectedNode, edge, readOnly, lockedKinds, onFocusNode: focusNode, onFocusEdge: focusEdge, onNotice: setNotice }: {
  session: PlanSession;
  plan: PlanFile;
  workshop: WorkshopState;
  check: LiveCheck;
  node: PlanNode | undefined;
  edge: PlanEdge | undefined;
  readOnly: boolean;
  lockedKinds: ReadonlySet<string>;
  onFocusNode: (id: string) => void;
  onFocusEdge: (edgeIndex: number) => void;
  onNotice: (message: string) => void;
}) {
  const { t, lang } = useI18n();
  return (
    <aside className="side" aria-label={t('Egenskaber og tjek', 'Properties and check')}>
      <Inspector session={session} plan={plan} node={selectedNode} edge={edge}
        readOnly={readOnly || (selectedNode !== undefined && lockedKinds.has(selectedNode.kind))} />
      {(selectedNode || edge) && (
        <TargetWorkshop session={session} workshop={workshop} target={(selectedNode?.id ?? edge?.id)!} readOnly={session.role === 'viewer'} name={session.localOrigin.user} />
      )}
      <FindingsPanel check={check} planForEnglish={lang === 'en' ? plan : undefined} onFocusNode={focusNode} onFocusEdge={focusEdge} />
      <details className="versions-panel" open={session.role !== 'viewer'}>
        <summary><h2>{t('Idéer først', 'Ideas first')}</h2></summary>
        <Ideas session={session} readOnly={readOnly} onNotice={setNotice} />
      </details>
      <details className="versions-panel">
        <summary><h2>{t('Versioner', 'Versions')}</h2></summary>
        <Versions session={session} name={session.localOrigin.user} onNotice={setNotice} />
      </details>
      <h2>{t('Eksport og import', 'Export and import')}</h2>
      <ExportMenu session={session} readOnly={readOnly} canImport={session.role === 'facilitator'} onNotice={setNotice} />
    </aside>
  );
}
