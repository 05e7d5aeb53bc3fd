import { describe, expect, it } from 'vitest';
import { evaluate, loadEvalCases } from '../eval/recognizerEval.js';

describe('recognizer on the labelled messages (npm run eval shows the details)', () => {
  const cases = loadEvalCases();
  const report = evaluate(cases);

  it('has a labelled set of real size', () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
  });

  it.each(['needs', 'targetGroups', 'size'] as const)('%s: F1 at least 0.95', (slot) => {
    expect(report[slot].f1).toBeGreaterThanOrEqual(0.95);
  });

  it('size class right for at least 97 % of the messages', () => {
    expect(report.sizeAccuracy).toBeGreaterThanOrEqual(0.97);
  });
});
