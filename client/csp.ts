/**
 * Imported first by main.tsx, so it runs before any module builds a schema: zod would otherwise probe
 * `new Function` to compile faster parsers, which the page's Content-Security-Policy (no 'unsafe-eval') refuses
 * with an error in the console. The interpreted parsers are fast enough for a plan.
 */
import { config } from 'zod';

config({ jitless: true });
