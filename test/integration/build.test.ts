// `npx forandringskort` runs compiled JavaScript (build/cli.js), rebuilt when a source changes: run in a copy of the
// project, so that the edit below rebuilds only the copy's build/.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const copy = mkdtempSync(join(tmpdir(), 'fk-build-'));
for (const path of ['bin', 'scripts', 'server', 'model', 'package.json', 'tsconfig.json', join('examples', 'skabelon.json')]) {
  cpSync(join(root, path), join(copy, path), { recursive: true });
}
symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
afterAll(() => rmSync(copy, { recursive: true, force: true }));

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [join(copy, 'bin', 'forandringskort.mjs'), ...args], { cwd: copy, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the built CLI', () => {
  it('is built on first use, runs from build/, and is rebuilt after a source changes', () => {
    const built = join(copy, 'build', 'cli.js');
    expect(existsSync(built)).toBe(false);
    const first = cli('check', join(copy, 'examples', 'skabelon.json'), '--format', 'json');
    expect(first.stderr).toBe('');
    expect(JSON.parse(first.stdout)).toHaveProperty('findings');
    expect(existsSync(built)).toBe(true);
    const builtAt = statSync(built).mtimeMs;

    // unchanged sources: the build is used as it is
    expect(cli('--help').stdout).toContain('tjek en planfil mod reglerne');
    expect(statSync(built).mtimeMs).toBe(builtAt);

    const source = join(copy, 'server', 'cli.ts');
    writeFileSync(source, readFileSync(source, 'utf8').replace('tjek en planfil mod reglerne', 'kontrollér en planfil'));
    const after = cli('--help');
    expect(after.stdout).toContain('kontrollér en planfil');
    expect(after.stdout).not.toContain('tjek en planfil mod reglerne');
    expect(statSync(built).mtimeMs).toBeGreaterThan(builtAt);
  }, 60_000);
});
