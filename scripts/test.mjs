// `npm test`: sets up what the tests need, then type-checks and runs the unit, integration and browser tests.
import { spawnSync } from 'node:child_process';
import { ensureChromium, ensureClientBuild, ensureDependencies, ensureServerBuild, ensureServiceBinaries, root } from './ensure.mjs';

ensureDependencies();
ensureChromium();
try {
  ensureServiceBinaries();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
ensureClientBuild();
await ensureServerBuild();

const steps = [
  ['Typecheck', 'npx', ['tsc', '--noEmit']],
  ['Unit- og integrationstest (vitest)', 'npx', ['vitest', 'run']],
  ['Browsertest (playwright)', 'npx', ['playwright', 'test']],
];

let failed = 0;
for (const [name, command, args] of steps) {
  console.log(`\n» ${name}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  if (result.status !== 0) {
    failed += 1;
    console.error(`✗ ${name} fejlede (status ${result.status ?? result.signal})`);
  }
}
console.log(`\nsteps: ${steps.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
