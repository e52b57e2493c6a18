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
      // tsx is a development dependency: an install without it and without a build cannot run the sources
      const tsx = await import('tsx/esm/api').catch(() => null);
      if (!tsx) {
        console.error('forandringskort er ikke bygget (build/ mangler og kan ikke skrives her). Kør "npm start" eller "npx vite build" i en mappe, der kan skrives, eller installér udviklingsafhængighederne (npm ci).');
        process.exit(2);
      }
      tsx.register();
      return import('../server/cli.ts');
    }
  }
  return import(pathToFileURL(builtEntry('cli')).href);
}

const { main } = await loadCli();
process.exitCode = await main(process.argv.slice(2));
