import { existsSync } from 'node:fs';
import { readProgrammeFile } from '../../src/storage/programmeFile.js';
import {
  DEPTH,
  FIRST_MEASURED,
  HELDOUT_FILE,
  HELDOUT_FIRST_MEASURED,
  JUDGED_FILE,
  SECOND_READER_FILE,
  agreement,
  evaluateRanking,
  loadJudged,
  loadSecondReading,
} from './rankingEval.js';

/** `npm run eval:ranking`: how well the bot's order agrees with the judged queries, and where it does not. */

const PROGRAMMES_FILE = 'data/programmes.json';
const WORST_SHOWN = 10;

const read = await readProgrammeFile(PROGRAMMES_FILE);
if (!read.ok) {
  console.error(`${PROGRAMMES_FILE} ist fehlerhaft: ${read.problems.map((problem) => problem.message).join('; ')}`);
  process.exit(1);
}
const { programmes } = read;
const titles = new Map(programmes.map((programme) => [programme.id, programme.title]));
const collection = loadJudged();
const report = evaluateRanking(collection, programmes);
const number = (value: number) => value.toFixed(3).replace('.', ',');

const percent = (value: number) => `${(value * 100).toFixed(1).replace('.', ',')} %`;
const row = (label: string, ndcgValue: number, precisionValue: number) =>
  `${label.padEnd(52)} ${number(ndcgValue).padStart(8)} ${number(precisionValue).padStart(8)}`;

const lines = [
  `${JUDGED_FILE}: ${collection.queries.length} bewertete Anfragen, Stichtag ${collection.date}`,
  '',
  `${'Reihenfolge'.padEnd(52)} ${`nDCG@${DEPTH}`.padStart(8)} ${`P@${DEPTH}`.padStart(8)}`,
  row('Förderlotse (wie Chat, Tab und CLI)', report.ndcg, report.precision),
  row(`Förderlotse zuerst (${FIRST_MEASURED.commit}, vor Änderungen dafür)`, FIRST_MEASURED.ndcg, FIRST_MEASURED.precision),
  row('nur gefiltert (Handlungsfeld, in Dateireihenfolge)', report.baseline.ndcg, report.baseline.precision),
];

if (existsSync(HELDOUT_FILE)) {
  const heldOut = loadJudged(HELDOUT_FILE);
  const measured = evaluateRanking(heldOut, programmes);
  lines.push(
    '',
    `Zurückgehalten (${HELDOUT_FILE}): ${heldOut.queries.length} Anfragen, für keine Änderung benutzt`,
    row('Förderlotse', measured.ndcg, measured.precision),
    row(`Förderlotse zuerst (${HELDOUT_FIRST_MEASURED.commit})`, HELDOUT_FIRST_MEASURED.ndcg, HELDOUT_FIRST_MEASURED.precision),
    row('nur gefiltert (Handlungsfeld, in Dateireihenfolge)', measured.baseline.ndcg, measured.baseline.precision),
  );
}

if (existsSync(SECOND_READER_FILE)) {
  const agreed = agreement(collection, loadSecondReading());
  lines.push(
    '',
    `Zweite Bewertung (${SECOND_READER_FILE}): ${agreed.queries} Anfragen, ${agreed.pairs} Noten`,
    `  gleiche Note ${percent(agreed.identical)}, höchstens eine Stufe auseinander ${percent(agreed.withinOne)}, ` +
      `einig über „gehört auf die erste Seite“ (Note ≥ 2) ${percent(agreed.sameUsefulness)}`,
    `  nDCG@${DEPTH} der idealen Seite der ersten Bewertung, gemessen an der zweiten: ${number(agreed.ndcgOfFirstIdeal)}`,
  );
}

const gradeOf = (grades: Readonly<Record<string, number>>, id: string) => (grades[id] === undefined ? '?' : String(grades[id]));
const page = (ids: readonly string[], grades: Readonly<Record<string, number>>) =>
  ids.map((id, position) => `      ${position + 1}. [${gradeOf(grades, id)}] ${titles.get(id) ?? id}`);

const worst = [...report.queries].sort((a, b) => a.ndcg - b.ndcg).slice(0, WORST_SHOWN);
lines.push('', `Schwächste Anfragen (${worst.length}):`);
for (const score of worst) {
  const { query } = score;
  lines.push(
    `- ${query.id} „${query.text}“ (${query.municipality.name}, ${query.municipality.kind}): nDCG ${number(score.ndcg)}, P ${number(score.precision)}`,
    '    gezeigt:',
    ...page(score.top, query.grades),
    '    ideal:',
    ...page(score.ideal, query.grades),
  );
}

const gaps = report.queries.filter((score) => !Object.values(score.query.grades).includes(3));
lines.push('', `Anfragen ohne ein Programm der Note 3 (${gaps.length}):`);
for (const { query } of gaps)
  lines.push(`- ${query.id} ${query.needs.join('+')} × ${query.targetGroups.join('+')} × ${query.municipality.kind}: „${query.text}“`);

if (report.ungraded.length > 0) {
  const programmesUngraded = [...new Set(report.ungraded.map((entry) => entry.programme))];
  lines.push('', `Nicht bewertet (zählen als 0): ${programmesUngraded.join(', ')}`);
}
console.log(lines.join('\n'));
