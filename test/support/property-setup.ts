/**
 * Replays a property test that failed (vitest setup file). Seeds stay random in every run, so the property tests
 * keep finding new counterexamples; fast-check prints the failing run's `{ seed, path }`. To replay it, give both
 * to the one test that failed:
 *   PROPERTY_SEED=-1723885227 PROPERTY_PATH="12:3:0" npx vitest run test/unit/ydoc.property.test.ts -t "stay converged"
 * which is `fc.assert(property, { seed, path })` for every property in that run.
 */
import fc from 'fast-check';

const seed = process.env.PROPERTY_SEED;
if (seed !== undefined && seed !== '') {
  const path = process.env.PROPERTY_PATH;
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: Number(seed), ...(path ? { path } : {}) });
}
