// Issue 23: a card kind is described once, in model/kinds.ts. Adding a kind to the spec's enum (NODE_KINDS in
// model/schema.ts) makes the compiler name that file and no other; describing it there makes the house compile.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const copy = mkdtempSync(join(tmpdir(), 'fk-new-kind-'));
afterAll(() => rmSync(copy, { recursive: true, force: true }));

for (const folder of ['model', 'server', 'client', 'examples']) cpSync(join(root, folder), join(copy, folder), { recursive: true });
symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
writeFileSync(join(copy, 'tsconfig.json'), JSON.stringify({ extends: join(root, 'tsconfig.json'), include: ['model', 'server', 'client'] }));

function edit(file: string, from: string, to: string): void {
  const path = join(copy, file);
  const text = readFileSync(path, 'utf8');
  expect(text, `${file} holds ${from}`).toContain(from);
  writeFileSync(path, text.replace(from, to));
}

/** The files tsc names, each once. */
function filesWithErrors(): { files: string[]; output: string } {
  const result = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', copy], { cwd: copy, encoding: 'utf8' });
  const output = result.stdout + result.stderr;
  const files = [...new Set([...output.matchAll(/^([\w./-]+)\(\d+,\d+\): error/gm)].map((match) => match[1]!))];
  return { files, output };
}

describe('a new card kind', () => {
  it('is named missing by the compiler in model/kinds.ts alone, and compiles once it is described there', () => {
    edit('model/schema.ts', "'maal', 'indikator'] as const;", "'maal', 'indikator', 'ressource'] as const;");
    const missing = filesWithErrors();
    expect(missing.files).toEqual(['model/kinds.ts']);
    expect(missing.output).toMatch(/'ressource' is missing/);

    edit('model/kinds.ts', '\n};\n', `
  ressource: {
    da: { name: 'ressource', plural: 'ressourcer', article: 'en', definite: 'ressourcen' },
    en: { name: 'resource', plural: 'resources' },
    column: 6, color: '#6b4f2a', icon: '■', key: '7',
  },
};
`);
    const described = filesWithErrors();
    expect(described.output).toBe('');
    expect(described.files).toEqual([]);
  }, 120_000);
});
