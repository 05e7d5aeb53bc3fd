import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A full garbage collection, so that heap figures count what is still referenced and not what
 * merely has not been collected yet. `npm run bench` starts node without --expose-gc; the flag
 * is switched on here and the function taken from a fresh context, where V8 then defines it.
 */
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export function collectGarbage(): void {
  gc();
  gc();
}

export const heapUsed = (): number => {
  collectGarbage();
  return process.memoryUsage().heapUsed;
};
