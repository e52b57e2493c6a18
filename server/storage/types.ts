/**
 * Storage by concern, asynchronous, so that a networked database (Postgres) fits behind the same interfaces as
 * the embedded SQLite and the in-memory store. One contract test suite (test/integration/storage-contract.test.ts)
 * holds every implementation to the same behaviour.
 *
 * Write-before-relay: every promise that writes resolves only after the write is committed, so a caller that
 * relays an update after `append` resolves never shows a peer something a crash could take back.
 */
export interface StoredPlan {
  /** the snapshot (if any) followed by every update after it, in order */
  updates: Uint8Array[];
  /** sequence number of the last update included */
  lastSeq: number;
  /** bytes stored for the plan (snapshot + tail), for size limits */
  bytes: number;
}

/** the API's shapes of a version and an idea: the browser reads them too */
import type { IdeaRecord, VersionInfo } from '../../model/protocol.ts';

export type { IdeaRecord, VersionInfo };

/** A plan's Yjs history: one snapshot that folds the log's head, then every later update in sequence order. */
export interface UpdateLog {
  /** Creates the plan with its first state as the snapshot (sequence 0). Fails if the plan exists. */
  createPlan(planId: string, initialState: Uint8Array): Promise<void>;
  planExists(planId: string): Promise<boolean>;
  /** The snapshot followed by every update after it, in sequence order; null for an unknown plan. */
  load(planId: string): Promise<StoredPlan | null>;
  /** Appends one update; resolves with its sequence number once committed. Sequence numbers rise in commit order. */
  append(planId: string, update: Uint8Array): Promise<number>;
  /**
   * Appends several updates in one transaction (group commit: one fsync for everything that arrived in one tick);
   * resolves with their sequence numbers, in order, once all are committed. Nothing is stored if one fails.
   */
  appendMany(planId: string, updates: Uint8Array[]): Promise<number[]>;
  /**
   * Replaces the snapshot by `state`, which must hold every update up to and including `upToSeq`, and deletes
   * exactly those updates, in one transaction. Resolves false (and changes nothing) when another compaction of
   * the plan is running or a newer snapshot is already stored.
   */
  compact(planId: string, state: Uint8Array, upToSeq: number): Promise<boolean>;
}

/** Named versions: a copy of a plan's state under a name, beside its log. */
export interface VersionStore {
  save(planId: string, name: string, createdBy: string, state: Uint8Array): Promise<VersionInfo>;
  /** newest first */
  list(planId: string): Promise<VersionInfo[]>;
  get(planId: string, versionId: number): Promise<{ info: VersionInfo; state: Uint8Array } | null>;
  /** Deletes one version (automatic versions are pruned, server/auto-versions.ts); unknown ids change nothing. */
  delete(planId: string, versionId: number): Promise<void>;
}

/** Idea notes kept private on the server until the facilitator reveals them; `authorKey` is the author's secret. */
export interface IdeaStore {
  add(planId: string, authorKey: string, author: string, text: string): Promise<IdeaRecord>;
  /** the author's own ideas, oldest first */
  list(planId: string, authorKey: string): Promise<IdeaRecord[]>;
  count(planId: string): Promise<number>;
  remove(planId: string, authorKey: string, ideaId: number): Promise<boolean>;
  /**
   * Reveals every hidden idea of the plan: `toUpdate` turns them into a doc update (or null), which is appended
   * to the plan's update log in the same transaction that removes the ideas, so a crash leaves them either hidden
   * or revealed. Resolves with the ideas and the update's sequence number (null when nothing was appended).
   */
  reveal(planId: string, toUpdate: (ideas: IdeaRecord[]) => Uint8Array | null): Promise<{ ideas: IdeaRecord[]; seq: number | null }>;
}

/** Small server-wide settings (the example plan's id and the like). */
export interface MetaStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}

/** A portfolio as stored: its title and its plans (ids only: a plan's links are never stored with it). */
export interface PortfolioRecord {
  id: string;
  title: string;
  createdAt: string;
  /** in the order they were added */
  plans: { planId: string; addedAt: string }[];
}

export type AddPlanOutcome = 'added' | 'present' | 'full' | 'missing';

/** Portfolios: several plans followed side by side (server/extensions/portfolio.ts). */
export interface PortfolioStore {
  /** Creates an empty portfolio. Fails if the id exists. */
  create(portfolioId: string, title: string): Promise<void>;
  get(portfolioId: string): Promise<PortfolioRecord | null>;
  /** false for an unknown portfolio */
  rename(portfolioId: string, title: string): Promise<boolean>;
  /**
   * Adds a plan (which must exist) unless the portfolio already holds `maxPlans`, in one transaction, so two
   * owners adding at once cannot pass the limit: 'present' when it is in already, 'missing' for an unknown
   * portfolio or plan.
   */
  addPlan(portfolioId: string, planId: string, maxPlans: number): Promise<AddPlanOutcome>;
  /** false when the plan was not in the portfolio */
  removePlan(portfolioId: string, planId: string): Promise<boolean>;
  hasPlan(portfolioId: string, planId: string): Promise<boolean>;
}

export interface Storage {
  /** 'memory' | 'sqlite' | 'postgres', for logs and benchmarks */
  readonly kind: string;
  readonly updates: UpdateLog;
  readonly versions: VersionStore;
  readonly ideas: IdeaStore;
  readonly meta: MetaStore;
  readonly portfolios: PortfolioStore;
  close(): Promise<void>;
}

/** The bytes of all parts of a loaded plan, for size limits. */
export function storedPlan(updates: Uint8Array[], lastSeq: number): StoredPlan {
  return { updates, lastSeq, bytes: updates.reduce((sum, u) => sum + u.byteLength, 0) };
}
