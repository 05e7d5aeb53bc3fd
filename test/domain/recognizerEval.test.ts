import { describe, expect, it } from 'vitest';
import { EVAL_FILE, HOLDOUT_FILE, THIRD_FILE, evaluate, loadEvalCases } from '../eval/recognizerEval.js';
import { realPlaces } from '../support/testBot.js';

/** Read as the bot reads: with the directory of NRW municipalities. */
const places = await realPlaces();

describe.each([EVAL_FILE, HOLDOUT_FILE])('recognizer on the labelled messages of %s (npm run eval shows the details)', (file) => {
  const cases = loadEvalCases(file);
  const report = evaluate(cases, places);

  it('has a labelled set of real size', () => {
    expect(cases.length).toBeGreaterThanOrEqual(file === EVAL_FILE ? 200 : 100);
  });

  it.each(['needs', 'targetGroups', 'size'] as const)('%s: F1 at least 0.95', (slot) => {
    expect(report[slot].f1).toBeGreaterThanOrEqual(0.95);
  });

  it('size class right for at least 97 % of the messages', () => {
    expect(report.sizeAccuracy).toBeGreaterThanOrEqual(0.97);
  });
});

/**
 * The third set, in styles the first two lack (e-mails, council motions, chat lines, lists), was
 * measured before any change for it: needs F1 0.817, target groups 0.767. Errors were then fixed by
 * kind (actor vs. target, greetings and offices, work that is no employment, dismissals, places);
 * this floor keeps those fixes. Many of its remaining misses are judgement calls of its labels.
 */
describe('recognizer on the third labelled set (new styles)', () => {
  const report = evaluate(loadEvalCases(THIRD_FILE), places);

  it.each([
    ['needs', 0.85],
    ['targetGroups', 0.85],
    ['size', 0.88],
  ] as const)('%s: F1 at least %s', (slot, floor) => {
    expect(report[slot].f1).toBeGreaterThanOrEqual(floor);
  });
});
