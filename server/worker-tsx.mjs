// The worker pool's thread when the server runs as TypeScript (tsx in development, vitest): tsx is registered inside
// the thread, then server/worker.ts is loaded. (With `--import tsx` a thread on Node 20 compiles worker.ts to
// CommonJS, and its lazy `import()` of the exporters fails.) Compiled servers load build/worker.js instead.
import { register } from 'tsx/esm/api';

register();
export default (await import('./worker.ts')).default;
