// `npm start`: installs what is missing, builds the client and the server when their sources changed, starts
// the compiled server (build/main.js).
import { spawn } from 'node:child_process';
import { builtEntry, ensureClientBuild, ensureDependencies, ensureServerBuild, root } from './ensure.mjs';

ensureDependencies();
ensureClientBuild();
await ensureServerBuild();
const child = spawn(process.execPath, [builtEntry('main')], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
