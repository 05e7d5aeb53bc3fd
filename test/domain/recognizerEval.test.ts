import { describe, expect, it } from 'vitest';
import { EVAL_FILE, HOLDOUT_FILE, evaluate, loadEvalCases } from '../eval/recognizerEval.js';

describe.each([EVAL_FILE, HOLDOUT_FILE])('recognizer on the labelled messages of %s (npm run eval shows the details)', (file) => {
  const cases = loadEvalCases(file);
  const report = evaluate(cases);

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
