// Types of scripts/services.mjs for the TypeScript tests that start real services.
export interface RunningService {
  url: string;
  port: number;
  dir: string;
  /** a clean shutdown; removes the folder */
  stop(): Promise<void>;
  /** kill -9; keeps the folder */
  kill(): Promise<void>;
}
export function freePort(): Promise<number>;
export function startPostgres(options?: { durable?: boolean }): Promise<RunningService & { log(): string }>;
export function startRedis(options?: { port?: number }): Promise<RunningService>;
