// Types of scripts/cluster.mjs for the TypeScript tests.
import type { ChildProcess } from 'node:child_process';
import type { RunningService } from './services.mjs';
export interface Proxy {
  port: number;
  close(): Promise<void>;
}
export function startProxy(backends: { port: number; host?: string }[], options?: { port?: number; host?: string }): Promise<Proxy>;
export interface ClusterInstance {
  port: number;
  process: ChildProcess;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}
export function startCluster(options?: { instances?: number; port?: number; env?: Record<string, string> }): Promise<{
  url: string;
  postgres: RunningService;
  redis: RunningService;
  servers: ClusterInstance[];
  proxy: Proxy;
  restartRedis(): Promise<void>;
  stop(): Promise<void>;
}>;
