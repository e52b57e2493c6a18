/** How each kind looks and is named in the UI. */
import type { AnchoringStrategy, EdgeKind, NodeKind, Status } from '../model/schema.ts';

export interface KindLook {
  da: string;
  en: string;
  icon: string;
  color: string;
  /** keyboard shortcut to add one */
  key: string;
}

export const KIND_LOOKS: Record<NodeKind, KindLook> = {
  aktivitet: { da: 'Aktivitet', en: 'Activity', icon: '▶', color: '#1f6f8b', key: '1' },
  output: { da: 'Output', en: 'Output', icon: '▣', color: '#2e7a4c', key: '2' },
  resultat: { da: 'Resultat', en: 'Outcome', icon: '◆', color: '#8a6d1f', key: '3' },
  effekt: { da: 'Effekt', en: 'Impact', icon: '★', color: '#9b3d5a', key: '4' },
  maal: { da: 'Mål', en: 'Goal', icon: '◎', color: '#5b3f8c', key: '5' },
  indikator: { da: 'Indikator', en: 'Indicator', icon: '▲', color: '#4a5563', key: '6' },
};

export const NODE_KIND_ORDER: NodeKind[] = ['aktivitet', 'output', 'resultat', 'effekt', 'maal', 'indikator'];

export const EDGE_LOOKS: Record<EdgeKind, { da: string; en: string; dash?: string }> = {
  'leder-til': { da: 'leder til', en: 'leads to' },
  'bidrager-til': { da: 'bidrager til', en: 'contributes to', dash: '8 5' },
  'maales-ved': { da: 'måles ved', en: 'measured by', dash: '2 4' },
};

export const STATUS_LOOKS: Record<Status, { da: string; en: string; color: string }> = {
  groen: { da: 'Grøn', en: 'Green', color: '#2e7d32' },
  gul: { da: 'Gul', en: 'Yellow', color: '#f2b705' },
  roed: { da: 'Rød', en: 'Red', color: '#c62828' },
};

export const ANCHORING_LOOKS: Record<AnchoringStrategy, { da: string; en: string }> = {
  frivillige: { da: 'Frivillige beboere', en: 'Resident volunteers' },
  beboeransatte: { da: 'Beboeransatte', en: 'Employed residents' },
  partnerskab: { da: 'Partnerskab', en: 'Partnership' },
  kommunal: { da: 'Kommunal institution', en: 'Municipal institution' },
  ingen: { da: 'Ingen (bevidst valg)', en: 'None (decided)' },
};
