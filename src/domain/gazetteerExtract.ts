import type { GazetteerEntry, OutsideNrwName, Regierungsbezirk } from './gazetteer.js';
import { RegierungsbezirkSchema } from './gazetteer.js';
import { splitCsv } from './programmeCsv.js';

/**
 * Destatis' Gemeindeverzeichnis extract (GV-ISys "AuszugGV", as CSV with its column names) → the NRW
 * gazetteer. The extract lists every German Gemeinde under its Land (record type 10),
 * Regierungsbezirk (20), Kreis or kreisfreie Stadt (40) and Gemeindeverband (50); a Gemeinde (60)
 * carries the population, written with spaces between thousands (" 246 794"). Every problem is a
 * value located by line; the words are in texts/cli.ts.
 */

export const NRW_LAND = '05';

/** The city of Aachen: a member of the StädteRegion Aachen, a Kreis, with the rights of a kreisfreie Stadt (StädteRegion Aachen Gesetz § 4). */
export const AACHEN_AGS = '05334002';

/** Places with fewer people outside NRW are left out of `outsideNrw`: few write them, and many share a name with one elsewhere. */
export const OUTSIDE_MIN_INHABITANTS = 20_000;

export const GV_COLUMNS = ['satzart', 'textkennzeichen', 'land', 'rb', 'kreis', 'vb', 'gemeinde', 'gemeindename', 'bevoelkerung'] as const;
export type GvColumn = (typeof GV_COLUMNS)[number];
type KeyColumn = 'land' | 'rb' | 'kreis' | 'vb' | 'gemeinde';

/** What is wrong, without where. */
export type GvProblemDetail =
  | { kind: 'unclosedQuote' }
  | { kind: 'textAfterQuote' }
  | { kind: 'missingColumns'; names: GvColumn[] }
  | { kind: 'cellCount'; found: number; expected: number }
  | { kind: 'unknownRecordType'; value: string }
  | { kind: 'badKey'; column: KeyColumn; value: string; digits: number }
  | { kind: 'emptyName' }
  | { kind: 'badPopulation'; value: string }
  | { kind: 'duplicateKey'; key: string; firstLine: number }
  | { kind: 'unknownRegierungsbezirk'; name: string }
  | { kind: 'noRegierungsbezirk'; key: string }
  | { kind: 'noLand'; key: string }
  | { kind: 'noKreis'; key: string }
  | { kind: 'kreisWithoutGemeinden'; key: string }
  | { kind: 'noNrw' };

/** One thing wrong with the extract; `line` counts physical lines, the header being line 1; null for the file as a whole. */
export type GvProblem = { line: number | null } & GvProblemDetail;

export interface GvExtractResult {
  /** NRW's Kreise and Gemeinden in the order of their keys, each Kreis before its Gemeinden; `goStatus` is left null. */
  municipalities: GazetteerEntry[];
  outsideNrw: OutsideNrwName[];
  problems: GvProblem[];
}

interface Row {
  line: number;
  land: string;
  rb: string;
  kreis: string;
  vb: string;
  gemeinde: string;
  name: string;
  textKey: string;
  population: number | null;
}

/** The key parts each record type must carry, with their number of digits. */
const KEYS_OF: Record<string, readonly (readonly [KeyColumn, number])[]> = {
  '10': [['land', 2]],
  '20': [
    ['land', 2],
    ['rb', 1],
  ],
  // A Region: Baden-Württemberg's planning regions, numbered by one digit in the kreis column.
  '30': [
    ['land', 2],
    ['rb', 1],
    ['kreis', 1],
  ],
  '40': [
    ['land', 2],
    ['rb', 1],
    ['kreis', 2],
  ],
  '50': [
    ['land', 2],
    ['rb', 1],
    ['kreis', 2],
    ['vb', 4],
  ],
  '60': [
    ['land', 2],
    ['rb', 1],
    ['kreis', 2],
    ['vb', 4],
    ['gemeinde', 3],
  ],
};
/** Textkennzeichen of a Gemeinde record for land that belongs to no Gemeinde (a forest, a lake). */
const NOT_A_GEMEINDE = new Set(['65', '66']);

const fold = (name: string) => name.toLocaleLowerCase('de');

/** "Gütersloh, Stadt" → "Gütersloh"; "Bonn, Bundesstadt" → "Bonn". */
export const everydayName = (officialName: string) => officialName.split(',')[0]!.trim();

/** "Halle (Westf.)", "Fröndenberg/Ruhr", "Monheim am Rhein" → "Halle", "Fröndenberg", "Monheim"; null when there is nothing to drop. */
function shortForm(name: string): string | null {
  const short = /^(.+?)(?:\s*\(.*\)|\/.+|\s+(?:am|an der|im|in der)\s+.+)$/.exec(name)?.[1];
  return short === undefined || short === name ? null : short;
}

/** Abbreviations of the source and their written-out forms: each spelling brings the other as an alias. */
const SPELLINGS: readonly (readonly [string, string])[] = [
  ['(Westf.)', '(Westfalen)'],
  ['(Rhld.)', '(Rheinland)'],
];

/** Spellings people write that no rule derives, by AGS. */
const CURATED_ALIASES: Readonly<Record<string, readonly string[]>> = {
  '05117000': ['Mülheim a. d. Ruhr', 'Mülheim/Ruhr'],
  // Rhein-Kreis Neuss: so named until 2003, and still said.
  '05162': ['Kreis Neuss'],
  '05382056': ['St. Augustin'],
  '05754036': ['Schloss Holte-Stukenbrock'],
  // Short forms people write for themselves.
  '05111000': ["D'dorf", 'Ddorf'],
  '05116000': ["M'gladbach", 'MG'],
  '05366004': ['Münstereifel'],
  '05374': ['Oberberg'],
  '05382008': ['Honnef'],
  '05562004': ['Castrop'],
  '05754028': ['Rheda'],
  '05762004': ['Driburg'],
  '05766008': ['Salzuflen'],
  '05770004': ['Oeynhausen'],
  '05770032': ['Porta'],
  '05774008': ['Lippspringe'],
  '05958': ['HSK'],
  '05970004': ['Berleburg'],
};

/** A Kreis's name as people write it: the source writes "Harburg" for the Landkreis Harburg. */
function kreisName(name: string, prefix: 'Kreis' | 'Landkreis'): string {
  return /kreis|^region|^städteregion/i.test(name) ? name : `${prefix} ${name}`;
}

/** Reads the extract and builds NRW's entries and the names outside NRW; lines with a problem are left out and reported. */
export function parseGvExtract(text: string): GvExtractResult {
  const problems: GvProblem[] = [];
  const split = splitCsv(text);
  for (const problem of split.problems) {
    if (problem.kind === 'unclosedQuote' || problem.kind === 'textAfterQuote') problems.push({ line: problem.line, kind: problem.kind });
  }
  const [header, ...records] = split.records;
  const names = (header?.cells ?? []).map((cell) => cell.text.trim());
  const missing = GV_COLUMNS.filter((column) => !names.includes(column));
  if (header === undefined || missing.length > 0) {
    return { municipalities: [], outsideNrw: [], problems: [...problems, { line: 1, kind: 'missingColumns', names: missing }] };
  }
  const at = Object.fromEntries(GV_COLUMNS.map((column) => [column, names.indexOf(column)])) as Record<GvColumn, number>;

  const byType: Record<'10' | '20' | '40' | '60', Row[]> = { '10': [], '20': [], '40': [], '60': [] };
  const seen = new Map<string, number>();
  for (const record of records) {
    const cells = record.cells.map((cell) => cell.text.trim());
    if (cells.every((cell) => cell === '')) continue;
    const problem = (detail: GvProblemDetail) => problems.push({ line: record.line, ...detail });
    if (cells.length !== names.length) {
      problem({ kind: 'cellCount', found: cells.length, expected: names.length });
      continue;
    }
    const cell = (column: GvColumn) => cells[at[column]]!;
    const type = cell('satzart');
    const keys = KEYS_OF[type];
    if (keys === undefined) {
      problem({ kind: 'unknownRecordType', value: type });
      continue;
    }
    const badKey = keys.find(([column, digits]) => !new RegExp(`^\\d{${digits}}$`).test(cell(column)));
    if (badKey !== undefined) {
      problem({ kind: 'badKey', column: badKey[0], value: cell(badKey[0]), digits: badKey[1] });
      continue;
    }
    if (cell('gemeindename') === '') {
      problem({ kind: 'emptyName' });
      continue;
    }
    const rawPopulation = cell('bevoelkerung').replace(/[\s\u00a0\u202f]/g, '');
    if (rawPopulation !== '' && !/^\d+$/.test(rawPopulation)) {
      problem({ kind: 'badPopulation', value: cell('bevoelkerung') });
      continue;
    }
    // A Gemeinde's key is its AGS: the Gemeindeverband is not part of it.
    const key = `${type}:${keys
      .filter(([column]) => type !== '60' || column !== 'vb')
      .map(([column]) => cell(column))
      .join('')}`;
    const firstLine = seen.get(key);
    if (firstLine !== undefined) {
      problem({ kind: 'duplicateKey', key: key.slice(3), firstLine });
      continue;
    }
    seen.set(key, record.line);
    // A Region or a Gemeindeverband is no municipality of ours; the Gemeindeverband's key is part of the ARS.
    if (type === '30' || type === '50') continue;
    if (type === '60' && NOT_A_GEMEINDE.has(cell('textkennzeichen'))) continue;
    byType[type as '10' | '20' | '40' | '60'].push({
      line: record.line,
      land: cell('land'),
      rb: cell('rb'),
      kreis: cell('kreis'),
      vb: cell('vb'),
      gemeinde: cell('gemeinde'),
      name: cell('gemeindename'),
      textKey: cell('textkennzeichen'),
      population: rawPopulation === '' ? null : Number(rawPopulation),
    });
  }

  const lands = new Map(byType['10'].map((row) => [row.land, row]));
  const kreisKey = (row: Row) => `${row.land}${row.rb}${row.kreis}`;
  const gemeindenOf = new Map<string, Row[]>();
  for (const row of byType['60']) {
    if (!lands.has(row.land)) problems.push({ line: row.line, kind: 'noLand', key: row.land });
    gemeindenOf.set(kreisKey(row), [...(gemeindenOf.get(kreisKey(row)) ?? []), row]);
  }
  const kreisKeys = new Set(byType['40'].map(kreisKey));
  for (const row of byType['60']) {
    if (!kreisKeys.has(kreisKey(row))) problems.push({ line: row.line, kind: 'noKreis', key: kreisKey(row) });
  }

  if (!byType['40'].some((row) => row.land === NRW_LAND)) problems.push({ line: null, kind: 'noNrw' });
  const municipalities = nrwEntries(byType, gemeindenOf, problems);
  withAliases(municipalities, byType['60']);
  const outsideNrw = outsideNames(byType, lands, municipalities, problems);
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { municipalities, outsideNrw, problems };
}

function nrwEntries(
  byType: Record<'10' | '20' | '40' | '60', Row[]>,
  gemeindenOf: Map<string, Row[]>,
  problems: GvProblem[],
): GazetteerEntry[] {
  const bezirke = new Map<string, Regierungsbezirk>();
  for (const row of byType['20'].filter((candidate) => candidate.land === NRW_LAND)) {
    const name = row.name.replace(/^Reg\.-Bez\.\s*/, '');
    const parsed = RegierungsbezirkSchema.safeParse(name);
    if (parsed.success) bezirke.set(row.rb, parsed.data);
    else problems.push({ line: row.line, kind: 'unknownRegierungsbezirk', name: row.name });
  }
  const kreise = byType['40'].filter((row) => row.land === NRW_LAND);
  const gemeindeNames = new Set(byType['60'].filter((row) => row.land === NRW_LAND).map((row) => fold(everydayName(row.name))));
  const entries: GazetteerEntry[] = [];

  for (const kreis of kreise) {
    const key = `${kreis.land}${kreis.rb}${kreis.kreis}`;
    const regierungsbezirk = bezirke.get(kreis.rb);
    if (regierungsbezirk === undefined) {
      // An unknown Bezirk was reported on its own line already.
      if (!byType['20'].some((row) => row.land === NRW_LAND && row.rb === kreis.rb))
        problems.push({ line: kreis.line, kind: 'noRegierungsbezirk', key: `${kreis.land}${kreis.rb}` });
      continue;
    }
    const gemeinden = gemeindenOf.get(key) ?? [];
    const withPopulation = gemeinden.filter((row) => {
      if (row.population !== null && row.population > 0) return true;
      problems.push({ line: row.line, kind: 'badPopulation', value: row.population === null ? '' : String(row.population) });
      return false;
    });
    if (gemeinden.length === 0) {
      problems.push({ line: kreis.line, kind: 'kreisWithoutGemeinden', key });
      continue;
    }
    const gemeinde = (row: Row, kind: 'kreisfrei' | 'kreisangehoerig'): GazetteerEntry => ({
      ags: `${key}${row.gemeinde}`,
      ars: `${key}${row.vb}${row.gemeinde}`,
      name: everydayName(row.name),
      officialName: row.name,
      aliases: [],
      kind,
      kreis: kind === 'kreisangehoerig' ? key : null,
      regierungsbezirk,
      inhabitants: row.population!,
      goStatus: null,
    });

    // In NRW a kreisfreie Stadt is a record-40 entry whose single Gemeinde has the same key.
    if (gemeinden.length === 1 && gemeinden[0]!.gemeinde === '000') {
      if (withPopulation.length === 1) entries.push(gemeinde(withPopulation[0]!, 'kreisfrei'));
      continue;
    }
    const sourceName = kreis.name;
    const isCityName = gemeindeNames.has(fold(sourceName));
    const name = /städteregion/i.test(sourceName) ? 'StädteRegion Aachen' : isCityName ? `Kreis ${sourceName}` : sourceName;
    entries.push({
      ags: key,
      ars: key,
      name,
      officialName: sourceName,
      // "Kreis Lippe" is the Kreis; "Kreis Gütersloh" is its name already, and "Gütersloh" is the city's.
      aliases: name === sourceName && !/kreis|region/i.test(sourceName) ? [`Kreis ${sourceName}`] : [],
      kind: 'kreis',
      kreis: null,
      regierungsbezirk,
      inhabitants: gemeinden.reduce((sum, row) => sum + (row.population ?? 0), 0),
      goStatus: null,
    });
    for (const row of withPopulation) entries.push(gemeinde(row, `${key}${row.gemeinde}` === AACHEN_AGS ? 'kreisfrei' : 'kreisangehoerig'));
  }
  return entries;
}

/**
 * Adds the spellings people write besides the name: the other form of an abbreviation ("Halle
 * (Westfalen)"), the name without its qualifier ("Hennef" for "Hennef (Sieg)") unless a German
 * Gemeinde at least as large has that short form too ("Halle" is Halle (Saale)), and the curated
 * ones. An alias that is another entry's name or alias is dropped from both.
 */
function withAliases(entries: GazetteerEntry[], gemeinden: readonly Row[]): void {
  // By the name without its qualifier: "Halle (Saale)" and "Halle (Westf.)" both count for "halle".
  const largestByBase = new Map<string, Row>();
  for (const row of gemeinden) {
    const name = everydayName(row.name);
    const base = fold(shortForm(name) ?? name);
    const current = largestByBase.get(base);
    if (current === undefined || (row.population ?? 0) > (current.population ?? 0)) largestByBase.set(base, row);
  }
  const names = new Set(entries.map((entry) => fold(entry.name)));

  for (const entry of entries) {
    const candidates = [...entry.aliases, ...(CURATED_ALIASES[entry.ags] ?? [])];
    for (const [abbreviation, written] of SPELLINGS) {
      if (entry.name.includes(abbreviation)) candidates.push(entry.name.replace(abbreviation, written));
      if (entry.name.includes(written)) candidates.push(entry.name.replace(written, abbreviation));
    }
    const short = entry.kind === 'kreis' ? null : shortForm(entry.name);
    const largest = short === null ? undefined : largestByBase.get(fold(short));
    if (short !== null && largest !== undefined && `${largest.land}${largest.rb}${largest.kreis}${largest.gemeinde}` === entry.ags)
      candidates.push(short);
    entry.aliases = [...new Set(candidates)].filter((alias) => !names.has(fold(alias)));
  }

  const owners = new Map<string, number>();
  for (const alias of entries.flatMap((entry) => entry.aliases.map(fold))) owners.set(alias, (owners.get(alias) ?? 0) + 1);
  for (const entry of entries) entry.aliases = entry.aliases.filter((alias) => owners.get(fold(alias)) === 1);
}

function outsideNames(
  byType: Record<'10' | '20' | '40' | '60', Row[]>,
  lands: Map<string, Row>,
  nrw: readonly GazetteerEntry[],
  problems: GvProblem[],
): OutsideNrwName[] {
  const nrwNames = new Set(nrw.flatMap((entry) => [entry.name, ...entry.aliases]).map(fold));
  const rows = [...byType['10'], ...byType['40'], ...byType['60'].filter((row) => (row.population ?? 0) >= OUTSIDE_MIN_INHABITANTS)].filter(
    (row) => row.land !== NRW_LAND,
  );
  const ordered = rows.sort((a, b) => a.line - b.line);
  const names: OutsideNrwName[] = [];
  const taken = new Set<string>();
  for (const row of ordered) {
    const land = lands.get(row.land);
    if (land === undefined) {
      // A Gemeinde without its Land was reported above.
      if (row.gemeinde === '') problems.push({ line: row.line, kind: 'noLand', key: row.land });
      continue;
    }
    const name = row === land ? row.name : row.gemeinde === '' ? outsideKreisName(row) : everydayName(row.name);
    const key = `${fold(name)}|${land.name}`;
    if (nrwNames.has(fold(name)) || taken.has(key)) continue;
    taken.add(key);
    names.push({ name, land: land.name });
  }
  return names;
}

/** Textkennzeichen of record 40: 41 kreisfreie Stadt, 42 Stadtkreis, 43 Kreis, 44 Landkreis, 45 Regionalverband. */
function outsideKreisName(row: Row): string {
  if (row.textKey === '41' || row.textKey === '42') return everydayName(row.name);
  if (row.textKey === '43') return kreisName(row.name, 'Kreis');
  if (row.textKey === '44') return kreisName(row.name, 'Landkreis');
  return row.name;
}
