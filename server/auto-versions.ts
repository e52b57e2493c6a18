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
import { AUTO_VERSION_AUTHOR, AUTO_VERSION_NAMES } from '../model/protocol.ts';
import type { UpdateEffect } from './policy.ts';
import type { VersionInfo, VersionStore } from './storage/types.ts';
import type { Room, RoomManager } from './sync.ts';

export { AUTO_VERSION_AUTHOR };
export type AutoVersionReason = keyof typeof AUTO_VERSION_NAMES;

const KEEP_NEWEST = 20;
const MASS_DELETION = { nodes: 5, share: 0.3, minimum: 2 };

export function isMassDeletion(effect: UpdateEffect): boolean {
  const { deletedNodes, nodesBefore } = effect;
  return deletedNodes >= MASS_DELETION.nodes || (deletedNodes >= MASS_DELETION.minimum && deletedNodes >= nodesBefore * MASS_DELETION.share);
}

/**
 * Saves an automatic version of the room's plan as it is now, unless nothing changed since the last one. The state
 * is taken at once (before the update that asked for it is applied); the write runs in the plan's queue, so it is
 * committed before any later update of the plan.
 */
export function saveAutoVersion(rooms: RoomManager, room: Room, reason: AutoVersionReason): Promise<VersionInfo | null> {
  room.lastAutoVersion.at = Date.now();
  if (room.lastAutoVersion.changes === room.changes) return Promise.resolve(null);
  room.lastAutoVersion.changes = room.changes;
  const state = Y.encodeStateAsUpdate(room.doc);
  return room.enqueue(async () => {
    const info = await rooms.storage.versions.save(room.planId, AUTO_VERSION_NAMES[reason].da, AUTO_VERSION_AUTHOR, state);
    await pruneAutoVersions(rooms.storage.versions, room.planId);
    return info;
  });
}

/** Keeps the newest automatic versions and, of older ones, the newest of each day. */
export async function pruneAutoVersions(versions: VersionStore, planId: string): Promise<void> {
  const automatic = (await versions.list(planId)).filter((v) => v.createdBy === AUTO_VERSION_AUTHOR); // newest first
  const days = new Set<string>();
  const doomed = automatic.filter((version, index) => {
    const day = version.createdAt.slice(0, 10);
    const keep = index < KEEP_NEWEST || !days.has(day);
    days.add(day);
    return !keep;
  });
  for (const version of doomed) await versions.delete(planId, version.id);
}

/** Called by the sync endpoint with an allowed update's effect, before it is applied. */
export function autoVersionBeforeUpdate(rooms: RoomManager, room: Room, effect: UpdateEffect | undefined): void {
  const failed = (error: Error) => rooms.log.warn({ planId: room.planId, err: error.message }, 'automatic version failed');
  if (effect && isMassDeletion(effect)) saveAutoVersion(rooms, room, 'deletion').catch(failed);
  else if (Date.now() - room.lastAutoVersion.at >= rooms.limits.autoVersionEveryMs) saveAutoVersion(rooms, room, 'interval').catch(failed);
}
