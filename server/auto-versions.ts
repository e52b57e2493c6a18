/**
 * Automatic versions, so that a participant who deletes everything (or a restore or import that went wrong) can be
 * undone by the facilitator from the versions list. The server saves the plan as it was:
 * - before an update that deletes many nodes at once (≥ 5, or ≥ 2 that are ≥ 30 % of the plan's nodes);
 * - before a restore or an import (the editor asks for it: POST /api/plans/:id/versions/auto, server/extensions/versions.ts);
 * - before the first update after `autoVersionEveryMs` (15 minutes) since the last automatic version.
 * Nothing is saved when the plan has not changed since the last automatic version. Automatic versions are named
 * "Automatisk: …", made by AUTO_VERSION_AUTHOR; of them the newest 20 are kept, and of older ones the newest of
 * each day. Named versions are never pruned.
 */
import * as Y from 'yjs';
import type { UpdateEffect } from './policy.ts';
import type { PlanStore, VersionInfo } from './storage.ts';
import type { Room, RoomManager } from './sync.ts';

export const AUTO_VERSION_AUTHOR = 'automatisk';
export const AUTO_VERSION_NAMES = {
  deletion: 'Automatisk: før sletning af mange noder',
  restore: 'Automatisk: før gendannelse',
  import: 'Automatisk: før import',
  interval: 'Automatisk: kvarterets version',
} as const;
export type AutoVersionReason = keyof typeof AUTO_VERSION_NAMES;

const KEEP_NEWEST = 20;
const MASS_DELETION = { nodes: 5, share: 0.3, minimum: 2 };

export function isMassDeletion(effect: UpdateEffect): boolean {
  const { deletedNodes, nodesBefore } = effect;
  return deletedNodes >= MASS_DELETION.nodes || (deletedNodes >= MASS_DELETION.minimum && deletedNodes >= nodesBefore * MASS_DELETION.share);
}

/** Saves an automatic version of the room's plan as it is now, unless nothing changed since the last one. */
export function saveAutoVersion(store: PlanStore, room: Room, reason: AutoVersionReason): VersionInfo | null {
  room.lastAutoVersion.at = Date.now();
  if (room.lastAutoVersion.seq === room.lastSeq) return null;
  room.lastAutoVersion.seq = room.lastSeq;
  const info = store.saveVersion(room.planId, AUTO_VERSION_NAMES[reason], AUTO_VERSION_AUTHOR, Y.encodeStateAsUpdate(room.doc));
  pruneAutoVersions(store, room.planId);
  return info;
}

/** Keeps the newest automatic versions and, of older ones, the newest of each day. */
export function pruneAutoVersions(store: PlanStore, planId: string): void {
  const automatic = store.listVersions(planId).filter((v) => v.createdBy === AUTO_VERSION_AUTHOR); // newest first
  const days = new Set<string>();
  automatic.forEach((version, index) => {
    const day = version.createdAt.slice(0, 10);
    const keep = index < KEEP_NEWEST || !days.has(day);
    days.add(day);
    if (!keep) store.deleteVersion(planId, version.id);
  });
}

/** Called by the sync endpoint with an allowed update's effect, before it is applied. */
export function autoVersionBeforeUpdate(rooms: RoomManager, room: Room, effect: UpdateEffect | undefined): void {
  if (effect && isMassDeletion(effect)) saveAutoVersion(rooms.store, room, 'deletion');
  else if (Date.now() - room.lastAutoVersion.at >= rooms.limits.autoVersionEveryMs) saveAutoVersion(rooms.store, room, 'interval');
}
