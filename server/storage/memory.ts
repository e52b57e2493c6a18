/** Everything in memory: for benchmarks (the cost of durability), tests and throwaway servers. Not durable. */
import { storedPlan, type IdeaRecord, type IdeaStore, type MetaStore, type PortfolioRecord, type PortfolioStore, type Storage, type UpdateLog, type VersionInfo, type VersionStore } from './types.ts';

interface MemoryPlan {
  snapshot: { seq: number; data: Uint8Array };
  updates: { seq: number; data: Uint8Array }[];
  nextSeq: number;
}

export function createMemoryStorage(): Storage {
  const plans = new Map<string, MemoryPlan>();
  const versions = new Map<string, { info: VersionInfo; state: Uint8Array }[]>();
  const ideas = new Map<string, (IdeaRecord & { authorKey: string })[]>();
  const meta = new Map<string, string>();
  let nextId = 1;

  const planOf = (planId: string): MemoryPlan => {
    const plan = plans.get(planId);
    if (!plan) throw new Error(`ukendt plan ${planId}`);
    return plan;
  };
  const append = (planId: string, update: Uint8Array): number => {
    const plan = planOf(planId);
    const seq = plan.nextSeq++;
    plan.updates.push({ seq, data: update.slice() });
    return seq;
  };
  const withoutKey = ({ authorKey: _key, ...idea }: IdeaRecord & { authorKey: string }): IdeaRecord => idea;

  const updates: UpdateLog = {
    async createPlan(planId, initialState) {
      if (plans.has(planId)) throw new Error(`planen ${planId} findes allerede`);
      plans.set(planId, { snapshot: { seq: 0, data: initialState.slice() }, updates: [], nextSeq: 1 });
    },
    async planExists(planId) {
      return plans.has(planId);
    },
    async load(planId) {
      const plan = plans.get(planId);
      if (!plan) return null;
      return storedPlan([plan.snapshot.data, ...plan.updates.map((u) => u.data)], plan.updates.at(-1)?.seq ?? plan.snapshot.seq);
    },
    async append(planId, update) {
      return append(planId, update);
    },
    async appendMany(planId, list) {
      planOf(planId);
      return list.map((update) => append(planId, update));
    },
    async compact(planId, state, upToSeq) {
      const plan = planOf(planId);
      if (plan.snapshot.seq >= upToSeq) return false;
      plan.snapshot = { seq: upToSeq, data: state.slice() };
      plan.updates = plan.updates.filter((u) => u.seq > upToSeq);
      return true;
    },
  };

  const versionStore: VersionStore = {
    async save(planId, name, createdBy, state) {
      planOf(planId);
      const info = { id: nextId++, name, createdAt: new Date().toISOString(), createdBy };
      versions.set(planId, [...(versions.get(planId) ?? []), { info, state: state.slice() }]);
      return info;
    },
    async list(planId) {
      return (versions.get(planId) ?? []).map((v) => v.info).reverse();
    },
    async get(planId, versionId) {
      return (versions.get(planId) ?? []).find((v) => v.info.id === versionId) ?? null;
    },
    async delete(planId, versionId) {
      versions.set(planId, (versions.get(planId) ?? []).filter((v) => v.info.id !== versionId));
    },
  };

  const ideaStore: IdeaStore = {
    async add(planId, authorKey, author, text) {
      planOf(planId);
      const idea = { id: nextId++, author, text, createdAt: new Date().toISOString() };
      ideas.set(planId, [...(ideas.get(planId) ?? []), { ...idea, authorKey }]);
      return idea;
    },
    async list(planId, authorKey) {
      return (ideas.get(planId) ?? []).filter((i) => i.authorKey === authorKey).map(withoutKey);
    },
    async count(planId) {
      return ideas.get(planId)?.length ?? 0;
    },
    async remove(planId, authorKey, ideaId) {
      const list = ideas.get(planId) ?? [];
      const kept = list.filter((i) => !(i.id === ideaId && i.authorKey === authorKey));
      ideas.set(planId, kept);
      return kept.length < list.length;
    },
    async reveal(planId, toUpdate) {
      const taken = (ideas.get(planId) ?? []).map(withoutKey);
      const update = toUpdate(taken);
      const seq = update ? append(planId, update) : null;
      ideas.delete(planId);
      return { ideas: taken, seq };
    },
  };

  const metaStore: MetaStore = {
    async get(key) {
      return meta.get(key);
    },
    async set(key, value) {
      meta.set(key, value);
    },
  };

  const portfolios = new Map<string, PortfolioRecord>();
  const copy = (record: PortfolioRecord): PortfolioRecord => ({ ...record, plans: record.plans.map((p) => ({ ...p })) });
  const portfolioStore: PortfolioStore = {
    async create(portfolioId, title) {
      if (portfolios.has(portfolioId)) throw new Error(`porteføljen ${portfolioId} findes allerede`);
      portfolios.set(portfolioId, { id: portfolioId, title, createdAt: new Date().toISOString(), plans: [] });
    },
    async get(portfolioId) {
      const record = portfolios.get(portfolioId);
      return record ? copy(record) : null;
    },
    async rename(portfolioId, title) {
      const record = portfolios.get(portfolioId);
      if (record) record.title = title;
      return record !== undefined;
    },
    async addPlan(portfolioId, planId, maxPlans) {
      const record = portfolios.get(portfolioId);
      if (!record || !plans.has(planId)) return 'missing';
      if (record.plans.some((p) => p.planId === planId)) return 'present';
      if (record.plans.length >= maxPlans) return 'full';
      record.plans.push({ planId, addedAt: new Date().toISOString() });
      return 'added';
    },
    async removePlan(portfolioId, planId) {
      const record = portfolios.get(portfolioId);
      const before = record?.plans.length ?? 0;
      if (record) record.plans = record.plans.filter((p) => p.planId !== planId);
      return (record?.plans.length ?? 0) < before;
    },
    async hasPlan(portfolioId, planId) {
      return portfolios.get(portfolioId)?.plans.some((p) => p.planId === planId) ?? false;
    },
  };

  return { kind: 'memory', updates, versions: versionStore, ideas: ideaStore, meta: metaStore, portfolios: portfolioStore, close: async () => {} };
}
