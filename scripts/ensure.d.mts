// Types of scripts/ensure.mjs for the TypeScript that imports it (test support, benchmarks).
export const root: string;
export const buildDir: string;
export const SERVER_ENTRIES: Record<'main' | 'cli' | 'worker', string>;
export function builtEntry(name: 'main' | 'cli'): string;
export function ensureServerBuild(options?: { force?: boolean; quiet?: boolean }): Promise<boolean>;
export function ensureClientBuild(options?: { force?: boolean }): void;
export function ensureDependencies(): void;
export function ensureChromium(): void;
export function run(command: string, args: string[], options?: object): void;
export function postgresBinDir(): string | null;
export function redisServerPath(): string | null;
export function ensureServiceBinaries(): void;
