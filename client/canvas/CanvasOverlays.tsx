/** What the canvas draws besides cards and lines: lane labels, other people's cursors, an edge's tooltip. */
import type { Edge } from '@xyflow/react';
import type { LaneBand } from '../../model/layout.ts';
import type { Peer } from '../hooks.ts';
import { useI18n } from '../i18n.tsx';
import { EDGE_LOOKS } from '../kinds.ts';
import type { RoutedEdgeData } from './RoutedEdge.tsx';

/** A band behind each indsatsområde's cards with its name, so a room can see which lane is which. */
export function LaneBands({ bands }: { bands: LaneBand[] }) {
  return (
    <>
      {bands.map((band) => (
        <div key={band.focusArea} className="lane-band" data-testid="lane-band"
          style={{ transform: `translate(${band.x}px, ${band.y}px)`, width: band.width, height: band.height }}>
          <span className="lane-label">{band.title}</span>
        </div>
      ))}
    </>
  );
}

export function PeerCursors({ peers }: { peers: Peer[] }) {
  return (
    <>
      {peers
        .filter((peer) => peer.cursor)
        .map((peer) => (
          <div key={peer.clientId} className="peer-cursor" style={{ transform: `translate(${peer.cursor!.x}px, ${peer.cursor!.y}px)`, color: peer.color }}
            data-testid="peer-cursor">
            <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden>
              <path d="M1 1l6 15 2-6 6-2z" fill={peer.color} stroke="white" />
            </svg>
            <span style={{ background: peer.color }}>{peer.name}</span>
          </div>
        ))}
    </>
  );
}

export interface HoveredEdge {
  edge: Edge;
  x: number;
  y: number;
}

export function EdgeTooltip({ hovered }: { hovered: HoveredEdge }) {
  const { t } = useI18n();
  const data = hovered.edge.data as RoutedEdgeData;
  const look = EDGE_LOOKS[data.kind as keyof typeof EDGE_LOOKS];
  return (
    <div className="edge-tooltip" style={{ left: hovered.x + 12, top: hovered.y + 12 }} role="tooltip">
      <strong>{t(look.da, look.en)}</strong>
      {data.rationale ? <p>{data.rationale}</p> : <p className="muted">{t('Ingen begrundelse skrevet endnu.', 'No rationale written yet.')}</p>}
      {(data.assumptions ?? []).map((a) => (
        <p key={a}>• {a}</p>
      ))}
    </div>
  );
}
