// `npm run format:check` (and `npm run format` to fix): Prettier (.prettierrc.json, 120 columns) over the files in
// scripts/formatted-files.txt. Not yet the whole repository: formatting all of it at once would rewrite some 200
// files while several branches are open and make every one of their merges conflict. New files join the list; the
// rest is formatted in one commit once no branch is open, and then this list gives way to the whole tree.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './ensure.mjs';

const files = readFileSync(join(root, 'scripts', 'formatted-files.txt'), 'utf8').split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
const mode = process.argv.includes('--write') ? '--write' : '--check';
const result = spawnSync(process.execPath, [join(root, 'node_modules', 'prettier', 'bin', 'prettier.cjs'), mode, ...files], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
