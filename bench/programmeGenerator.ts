import { type Programme, validateProgrammes } from '../src/domain/programme.js';
import { NEEDS, type NeedId, SIZE_CLASSES, type SizeClassId, type TargetGroupId } from '../src/domain/taxonomy.js';
import { seededRandom } from './stats.js';

/**
 * Generated programme stores for the measurements: deterministic (seeded), with the spread a real
 * store has – common and rare needs, programmes for one group or for everyone, municipal and
 * non-municipal applicants (some only via an intermediary), size limits, and deadlines rolling,
 * ahead, just passed or ended long ago – and checked against the same schema as data/programmes.json.
 */

/** The "today" of the measurements (the same as the tests'), so that deadlines fall the same way every run. */
export const BENCH_TODAY = '2026-11-26';

type Weighted<T> = readonly (readonly [T, number])[];

const NEED_WEIGHTS: Weighted<NeedId> = [
  ['sprache', 14],
  ['beratung', 12],
  ['arbeit', 12],
  ['bildung', 11],
  ['zusammenleben', 10],
  ['personal', 8],
  ['engagement', 8],
  ['wohnen', 7],
  ['gesundheit', 6],
  ['kommunikation', 5],
  ['rueckkehr', 2],
];
const GROUP_WEIGHTS: Weighted<Exclude<TargetGroupId, 'alle'>> = [
  ['gefluechtete', 30],
  ['neuzugewanderte', 25],
  ['kinder_jugendliche', 20],
  ['frauen_familien', 15],
  ['fachkraefte', 8],
  ['ehrenamtliche', 6],
];
const LEVELS: Weighted<Programme['level']> = [
  ['land', 40],
  ['bund', 25],
  ['stiftung', 20],
  ['eu', 8],
  ['kommune', 7],
];
const FUNDERS: Record<Programme['level'], readonly string[]> = {
  eu: ['Europäische Kommission (AMIF)', 'ESF Plus über das Land NRW'],
  bund: [
    'Bundesamt für Migration und Flüchtlinge',
    'Bundesministerium des Innern',
    'Bundesministerium für Familie, Senioren, Frauen und Jugend',
  ],
  land: ['Land NRW (MKJFGFI)', 'Land NRW (MAGS)', 'Bezirksregierung Arnsberg'],
  kommune: ['Kreis Lippe', 'Stadt Köln', 'Landschaftsverband Rheinland'],
  stiftung: ['Stiftung Wohlfahrtspflege NRW', 'Deutsche Stiftung für Engagement und Ehrenamt', 'Robert Bosch Stiftung'],
};
const FUNDING_TYPES: Weighted<Programme['fundingType']> = [
  ['zuschuss', 50],
  ['personalkosten', 20],
  ['sachkosten', 15],
  ['beratung', 10],
  ['darlehen', 5],
];
const TITLE_WORDS = ['Förderprogramm', 'Richtlinie', 'Projektförderung', 'Initiative', 'Modellprogramm', 'Landesprogramm', 'Fonds'];
const INTERMEDIARIES = [
  'Über einen freien Träger vor Ort, mit dem die Kommune kooperiert.',
  'Über den örtlichen Wohlfahrtsverband; die Kommune kann als Partnerin mitwirken.',
  'Vereine beantragen; die Kommune vermittelt und stellt Räume.',
];

function pickWeighted<T>(random: () => number, entries: Weighted<T>): T {
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let point = random() * total;
  for (const [value, weight] of entries) {
    point -= weight;
    if (point < 0) return value;
  }
  return entries[entries.length - 1]![0];
}

function pickDistinct<T>(random: () => number, entries: Weighted<T>, count: number): T[] {
  const chosen = new Set<T>();
  // Bounded: at most a few draws per wanted value, then whatever is chosen.
  for (let draw = 0; chosen.size < count && draw < count * 20; draw += 1) chosen.add(pickWeighted(random, entries));
  return [...chosen];
}

const pickOne = <T>(random: () => number, values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
const between = (random: () => number, low: number, high: number) => low + Math.floor(random() * (high - low + 1));

function shiftDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

const NEED_LABEL = Object.fromEntries(NEEDS.map((need) => [need.id, need.label])) as Record<NeedId, string>;
const SIZE_IDS = SIZE_CLASSES.map((size) => size.id) as SizeClassId[];
const SIZE_WEIGHTS: Weighted<SizeClassId> = SIZE_IDS.map((id) => [id, 1] as const);

function generateOne(random: () => number, index: number, earlierIds: readonly string[]): Record<string, unknown> {
  const id = `prog-${String(index).padStart(6, '0')}`;
  const level = pickWeighted(random, LEVELS);
  const needCount = pickWeighted(random, [
    [1, 50],
    [2, 30],
    [3, 15],
    [4, 4],
    [5, 1],
  ] as const);
  const needs = pickDistinct(random, NEED_WEIGHTS, needCount);

  const groupShape = random();
  const targetGroups: TargetGroupId[] =
    groupShape < 0.15
      ? []
      : groupShape < 0.25
        ? ['alle']
        : pickDistinct(random, GROUP_WEIGHTS, groupShape < 0.65 ? 1 : groupShape < 0.9 ? 2 : 3);

  const municipal = random() < 0.65;
  const applicants: Programme['applicants'] = municipal
    ? [
        ...pickDistinct(
          random,
          [
            ['gemeinde', 5],
            ['kreis', 3],
            ['kreisfreie_stadt', 3],
          ] as const,
          between(random, 1, 3),
        ),
        ...(random() < 0.3 ? (['freier_traeger'] as const) : []),
      ]
    : pickDistinct(
        random,
        [
          ['freier_traeger', 5],
          ['verein', 4],
          ['unternehmen', 1],
          ['person', 1],
        ] as const,
        between(random, 1, 3),
      );
  const viaIntermediary = !municipal && random() < 0.7 ? pickOne(random, INTERMEDIARIES) : undefined;
  const sizeClasses = random() < 0.7 ? undefined : pickDistinct(random, SIZE_WEIGHTS, between(random, 1, 3));

  const deadlineShape = random();
  let deadline: Programme['deadline'];
  let successor: string | undefined;
  if (deadlineShape < 0.4) deadline = { kind: 'laufend' };
  else if (deadlineShape < 0.45) deadline = { kind: 'jaehrlich', day: between(random, 1, 28), month: between(random, 1, 12) };
  // Some dates lie a few weeks back: those programmes have ended without saying "beendet".
  else if (deadlineShape < 0.85) deadline = { kind: 'stichtag', date: shiftDays(BENCH_TODAY, between(random, -120, 540)) };
  else {
    deadline = { kind: 'beendet', date: shiftDays(BENCH_TODAY, -between(random, 30, 1500)) };
    if (earlierIds.length > 0 && random() < 0.4) successor = pickOne(random, earlierIds);
  }

  const main = NEED_LABEL[needs[0]!];
  return {
    id,
    title: `${pickOne(random, TITLE_WORDS)} ${main} ${index}`,
    summary: `Fördert Vorhaben im Handlungsfeld ${needs.map((need) => NEED_LABEL[need]).join(', ')} – Personal, Sachmittel und Projekte vor Ort.`,
    funder: pickOne(random, FUNDERS[level]),
    level,
    needs,
    targetGroups,
    applicants,
    ...(viaIntermediary === undefined ? {} : { viaIntermediary }),
    ...(sizeClasses === undefined ? {} : { sizeClasses }),
    fundingType: pickWeighted(random, FUNDING_TYPES),
    ...(random() < 0.5 ? { fundingRate: between(random, 10, 20) * 5 } : {}),
    ...(random() < 0.7 ? { maxAmount: between(random, 1, 400) * 5000 } : {}),
    ...(random() < 0.2 ? { amountNote: 'je Vorhaben und Jahr' } : {}),
    deadline,
    ...(successor === undefined ? {} : { successor }),
    applicationUrl: `https://foerderung.example.nrw/antrag/${id}`,
    sourceUrl: `https://foerderung.example.nrw/programme/${id}`,
    ...(random() < 0.3 ? { contact: 'Förderreferat, foerderung@example.nrw' } : {}),
    lastVerified: shiftDays(BENCH_TODAY, -between(random, 0, 365)),
    // Some are for adults of an age range only, as the texts of real programmes say.
    ...(random() < 0.1 ? { ages: { min: between(random, 18, 30), max: between(random, 40, 67) } } : {}),
  };
}

/** Raw entries as a programme file holds them (not yet validated). */
export function generateProgrammeEntries(count: number, seed = 2026): Record<string, unknown>[] {
  const random = seededRandom(seed);
  const entries: Record<string, unknown>[] = [];
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const entry = generateOne(random, index, ids);
    entries.push(entry);
    ids.push(entry.id as string);
  }
  return entries;
}

/** A generated store, validated like the bot's own programme file (schema, unique ids, successors). */
export function generateProgrammes(count: number, seed = 2026): Programme[] {
  const result = validateProgrammes({ programmes: generateProgrammeEntries(count, seed) }, `generiert (${count})`);
  if (!result.ok) throw new Error(`generated programmes invalid: ${JSON.stringify(result.problems.slice(0, 3))}`);
  return result.programmes;
}
