import { EVAL_FILE, HOLDOUT_FILE, THIRD_FILE, evaluate, loadEvalCases, type SlotScore } from './recognizerEval.js';

/** `npm run eval`: how well the recognizer reads the labelled messages, and where it misses. */
const percent = (value: number) => `${(value * 100).toFixed(1)} %`;
const row = (name: string, slot: SlotScore) =>
  `${name.padEnd(13)} ${percent(slot.precision).padStart(8)} ${percent(slot.recall).padStart(8)} ${percent(slot.f1).padStart(8)}   (TP ${slot.truePositives}, FP ${slot.falsePositives}, FN ${slot.falseNegatives})`;
const show = (value: unknown) => JSON.stringify(value);

function describe(file: string): string[] {
  const report = evaluate(loadEvalCases(file));
  return [
    `${file}: ${report.cases} gelabelte Nachrichten`,
    '',
    `${'Slot'.padEnd(13)} ${'Präzision'.padStart(8)} ${'Recall'.padStart(8)} ${'F1'.padStart(8)}`,
    row('needs', report.needs),
    row('targetGroups', report.targetGroups),
    row('size (Klasse)', report.size),
    '',
    `Größenklasse richtig:        ${percent(report.sizeAccuracy)}`,
    `Einwohnerzahl exakt:         ${percent(report.inhabitantsAccuracy)}`,
    `Alle Slots exakt richtig:    ${percent(report.allSlotsExact)}`,
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

console.log([...describe(EVAL_FILE), '', '', ...describe(HOLDOUT_FILE), '', '', ...describe(THIRD_FILE)].join('\n'));
