#!/usr/bin/env node
// `npx forandringskort …`: runs the compiled CLI (build/cli.js), building it first when server/ or model/ changed.
import { pathToFileURL } from 'node:url';
import { builtEntry, ensureServerBuild } from '../scripts/ensure.mjs';

await ensureServerBuild({ quiet: true });
const { main } = await import(pathToFileURL(builtEntry('cli')).href);
process.exitCode = await main(process.argv.slice(2));
