/** How each kind looks and is named in the UI. */
import { KIND_ORDER, kindLabel, kindTable } from '../model/kinds.ts';
import type { AnchoringStrategy, EdgeKind, NodeKind, Status } from '../model/schema.ts';

export interface KindLook {
  da: string;
  en: string;
  icon: string;
  color: string;
  /** keyboard shortcut to add one */
  key: string;
}

/** The UI's view of the card kinds (model/kinds.ts holds their facts). */
export const KIND_LOOKS: Record<NodeKind, KindLook> = kindTable((facts, kind) => ({
  da: kindLabel(kind, 'da'), en: kindLabel(kind, 'en'), icon: facts.icon, color: facts.color, key: facts.key,
}));

export const NODE_KIND_ORDER: readonly NodeKind[] = KIND_ORDER;

export const EDGE_LOOKS: Record<EdgeKind, { da: string; en: string; dash?: string }> = {
  'leder-til': { da: 'leder til', en: 'leads to' },
  'bidrager-til': { da: 'bidrager til', en: 'contributes to', dash: '8 5' },
  'maales-ved': { da: 'måles ved', en: 'measured by', dash: '2 4' },
};

/** The fremdrift's names; its colours are model/status.ts's FREMDRIFT_COLOURS. */
export const STATUS_LOOKS: Record<Status, { da: string; en: string }> = {
  groen: { da: 'Grøn', en: 'Green' },
  gul: { da: 'Gul', en: 'Yellow' },
  roed: { da: 'Rød', en: 'Red' },
};

export const ANCHORING_LOOKS: Record<AnchoringStrategy, { da: string; en: string }> = {
  frivillige: { da: 'Frivillige beboere', en: 'Resident volunteers' },
  beboeransatte: { da: 'Beboeransatte', en: 'Employed residents' },
  partnerskab: { da: 'Partnerskab', en: 'Partnership' },
  kommunal: { da: 'Kommunal institution', en: 'Municipal institution' },
  ingen: { da: 'Ingen (bevidst valg)', en: 'None (decided)' },
};
