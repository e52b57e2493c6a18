// `npm start`: installs what is missing, builds the client when its sources changed, starts the server.
import { spawn } from 'node:child_process';
import { ensureClientBuild, ensureDependencies, root } from './ensure.mjs';

ensureDependencies();
ensureClientBuild();
const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
