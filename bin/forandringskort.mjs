#!/usr/bin/env node
// `npx forandringskort …`: runs the compiled CLI (build/cli.js), building it first when server/ or model/ changed.
// Where build/ cannot be written (a read-only install), it runs an existing build, or else the sources through tsx.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { builtEntry, ensureServerBuild } from '../scripts/ensure.mjs';

async function loadCli() {
  try {
    await ensureServerBuild({ quiet: true });
  } catch (error) {
    if (!['EACCES', 'EROFS', 'EPERM'].includes(error?.code)) throw error;
    if (!existsSync(builtEntry('cli'))) {
      const { register } = await import('tsx/esm/api');
      register();
      return import('../server/cli.ts');
    }
  }
  return import(pathToFileURL(builtEntry('cli')).href);
}

const { main } = await loadCli();
process.exitCode = await main(process.argv.slice(2));
