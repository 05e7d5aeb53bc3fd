import type { PlaceIndex } from '../../src/domain/places.js';
import { GAZETTEER_FILE, openPlaces } from '../../src/storage/gazetteerFile.js';
import { EVAL_FILE, FIRST_MEASURED, HOLDOUT_FILE, THIRD_FILE, evaluate, loadEvalCases, type SlotScore } from './recognizerEval.js';

/** `npm run eval`: how well the recognizer reads the labelled messages, and where it misses. */
const percent = (value: number) => `${(value * 100).toFixed(1)} %`;
const row = (name: string, slot: SlotScore, first: number | undefined) =>
  `${name.padEnd(13)} ${percent(slot.precision).padStart(8)} ${percent(slot.recall).padStart(8)} ${percent(slot.f1).padStart(8)} ${(first === undefined ? '–' : percent(first)).padStart(12)}   (TP ${slot.truePositives}, FP ${slot.falsePositives}, FN ${slot.falseNegatives})`;
const withFirst = (label: string, now: number, first: number | undefined) =>
  `${label.padEnd(28)} ${percent(now)}${first === undefined ? '' : `   (zuerst ${percent(first)})`}`;
const show = (value: unknown) => JSON.stringify(value);

function describe(file: string, places: PlaceIndex): string[] {
  const report = evaluate(loadEvalCases(file), places);
  const first = FIRST_MEASURED[file];
  return [
    `${file}: ${report.cases} gelabelte Nachrichten`,
    first === undefined ? '' : `„zuerst“: die erste Messung, vor Änderungen für diesen Satz (Stand ${first.commit})`,
    '',
    `${'Slot'.padEnd(13)} ${'Präzision'.padStart(8)} ${'Recall'.padStart(8)} ${'F1'.padStart(8)} ${'F1 zuerst'.padStart(12)}`,
    row('needs', report.needs, first?.needs),
    row('targetGroups', report.targetGroups, first?.targetGroups),
    row('size (Klasse)', report.size, first?.size),
    '',
    withFirst('Größenklasse richtig:', report.sizeAccuracy, first?.sizeAccuracy),
    withFirst('Einwohnerzahl exakt:', report.inhabitantsAccuracy, undefined),
    withFirst('Alle Slots exakt richtig:', report.allSlotsExact, first?.allSlotsExact),
    '',
    `Fehler (${report.misses.length}):`,
    ...report.misses.map(({ case: evalCase, got }) => {
      const expected = evalCase.expected;
      const diff = [
        show(got.needs) !== show([...expected.needs]) ? `needs ${show(got.needs)} statt ${show(expected.needs)}` : '',
        show([...got.targetGroups].sort()) !== show([...expected.targetGroups].sort())
          ? `targetGroups ${show(got.targetGroups)} statt ${show(expected.targetGroups)}`
          : '',
        show(got.size) !== show(expected.size) ? `size ${show(got.size)} statt ${show(expected.size)}` : '',
      ].filter((part) => part !== '');
      return `- ${evalCase.step ? `[${evalCase.step}] ` : ''}„${evalCase.text}“\n    ${diff.join('; ')}`;
    }),
  ];
}

// Read as the bot reads: with the directory of NRW municipalities.
const opened = await openPlaces();
if (!opened.ok) throw new Error(`${GAZETTEER_FILE}: ${opened.problems.join('; ')}`);
const sets = [EVAL_FILE, HOLDOUT_FILE, THIRD_FILE].map((file) => describe(file, opened.places));
console.log(sets.map((lines) => lines.join('\n')).join('\n\n\n'));
