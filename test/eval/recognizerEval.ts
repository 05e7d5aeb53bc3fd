import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { NO_PLACES, type PlaceIndex } from '../../src/domain/places.js';
import { type Recognition, recognize } from '../../src/domain/recognizer.js';
import { NeedIdSchema, SizeSchema, SlotSchema, TargetGroupIdSchema } from '../../src/domain/taxonomy.js';

/** The labelled messages: what municipal staff write, and what each one means. */
export const EVAL_FILE = 'test/fixtures/recognizer-eval.json';
/** A second set, written apart from the first in another style, to see how the recognizer does on unseen wording. */
export const HOLDOUT_FILE = 'test/fixtures/recognizer-holdout.json';
/** A third set, written from the taxonomy alone in new styles (e-mails, council motions, chat lines, lists). */
export const THIRD_FILE = 'test/fixtures/recognizer-third.json';

/** What a set scored when first measured, before changes made for it; kept to compare, never updated. */
export interface FirstFigures {
  commit: string;
  needs: number;
  targetGroups: number;
  size: number;
  sizeAccuracy: number;
  allSlotsExact: number;
}

export const FIRST_MEASURED: Readonly<Record<string, FirstFigures>> = {
  // Measured with the recognizer it was written with.
  [EVAL_FILE]: { commit: 'c0ab50b', needs: 0.894, targetGroups: 0.882, size: 0.927, sizeAccuracy: 0.959, allSlotsExact: 0.703 },
  [HOLDOUT_FILE]: { commit: 'b1c3509', needs: 0.95, targetGroups: 0.98, size: 0.966, sizeAccuracy: 0.966, allSlotsExact: 0.828 },
  [THIRD_FILE]: { commit: '46efa5b', needs: 0.817, targetGroups: 0.767, size: 0.901, sizeAccuracy: 0.948, allSlotsExact: 0.382 },
};

const EvalCaseSchema = z.object({
  text: z.string(),
  step: SlotSchema.optional(),
  note: z.string().optional(),
  expected: z.object({ needs: z.array(NeedIdSchema), targetGroups: z.array(TargetGroupIdSchema), size: SizeSchema.nullable() }),
});
export type EvalCase = z.infer<typeof EvalCaseSchema>;

export const loadEvalCases = (file = EVAL_FILE): EvalCase[] => z.array(EvalCaseSchema).parse(JSON.parse(readFileSync(file, 'utf8')));

export interface SlotScore {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface EvalReport {
  cases: number;
  needs: SlotScore;
  targetGroups: SlotScore;
  size: SlotScore;
  /** Share of messages whose size class (or its absence) is right. */
  sizeAccuracy: number;
  /** Share of stated inhabitant counts read exactly. */
  inhabitantsAccuracy: number;
  /** Share of messages with every slot exactly right. */
  allSlotsExact: number;
  misses: { case: EvalCase; got: Pick<Recognition, 'needs' | 'targetGroups' | 'size'> }[];
}

function score(pairs: { expected: readonly string[]; got: readonly string[] }[]): SlotScore {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  for (const { expected, got } of pairs) {
    truePositives += got.filter((id) => expected.includes(id)).length;
    falsePositives += got.filter((id) => !expected.includes(id)).length;
    falseNegatives += expected.filter((id) => !got.includes(id)).length;
  }
  const precision = truePositives + falsePositives === 0 ? 1 : truePositives / (truePositives + falsePositives);
  const recall = truePositives + falseNegatives === 0 ? 1 : truePositives / (truePositives + falseNegatives);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePositives, falsePositives, falseNegatives, precision, recall, f1 };
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item) => b.includes(item));

/**
 * Runs the recognizer over every labelled message and scores it slot by slot, with the directory of
 * municipalities as the bot has it. A label gives inhabitants only when the message states a number;
 * the directory's figure for a municipality named without one is not counted against it.
 */
export function evaluate(cases: readonly EvalCase[], places: PlaceIndex = NO_PLACES): EvalReport {
  const results = cases.map((evalCase) => {
    const { needs, targetGroups, size, municipality } = recognize(evalCase.text, evalCase.step, places);
    return { case: evalCase, got: { needs, targetGroups, size }, fromDirectory: municipality !== null };
  });
  const classes = (size: { class: string } | null) => (size === null ? [] : [size.class]);
  const withInhabitants = results.filter((result) => result.case.expected.size?.inhabitants !== undefined);
  const sizeRight = (result: (typeof results)[number]) => (result.got.size?.class ?? null) === (result.case.expected.size?.class ?? null);
  const exact = (result: (typeof results)[number]) =>
    sameSet(result.got.needs, result.case.expected.needs) &&
    sameSet(result.got.targetGroups, result.case.expected.targetGroups) &&
    sizeRight(result) &&
    (result.got.size?.inhabitants === result.case.expected.size?.inhabitants ||
      (result.fromDirectory && result.case.expected.size?.inhabitants === undefined));

  return {
    cases: results.length,
    needs: score(results.map((result) => ({ expected: result.case.expected.needs, got: result.got.needs }))),
    targetGroups: score(results.map((result) => ({ expected: result.case.expected.targetGroups, got: result.got.targetGroups }))),
    size: score(results.map((result) => ({ expected: classes(result.case.expected.size), got: classes(result.got.size) }))),
    sizeAccuracy: results.filter(sizeRight).length / results.length,
    inhabitantsAccuracy:
      withInhabitants.filter((result) => result.got.size?.inhabitants === result.case.expected.size?.inhabitants).length /
      Math.max(1, withInhabitants.length),
    allSlotsExact: results.filter(exact).length / results.length,
    misses: results.filter((result) => !exact(result)),
  };
}
