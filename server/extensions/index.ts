/** The extensions `npm start` runs with, in order: a fresh set for every server (they hold per-server state). */
import type { Extension } from '../extension.ts';
import { exportsExtension } from './exports.ts';
import { ideasExtension } from './ideas.ts';
import { joinExtension } from './join.ts';
import { portfolioExtension } from './portfolio.ts';
import { versionsExtension } from './versions.ts';
import { workshopExtension } from './workshop.ts';

export { exportsExtension, ideasExtension, joinExtension, portfolioExtension, versionsExtension, workshopExtension };

export function defaultExtensions(): Extension[] {
  return [workshopExtension(), versionsExtension(), ideasExtension(), exportsExtension(), joinExtension(), portfolioExtension()];
}
