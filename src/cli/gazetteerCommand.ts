import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { germanDate } from '../domain/dates.js';
import { type Gazetteer, GazetteerSchema, type GazetteerSource } from '../domain/gazetteer.js';
import { parseGvExtract } from '../domain/gazetteerExtract.js';
import { type GoStatusLists, withGoStatus } from '../domain/goStatus.js';
import { germanErrors } from '../domain/programme.js';
import { GAZETTEER_FILE, writeGazetteerFile } from '../storage/gazetteerFile.js';
import { gazetteerTexts } from '../texts/cli.js';
import { call, text } from './commandArguments.js';

/**
 * `data:gazetteer AUSZUG.csv`: data/municipalities.json from Destatis' Gemeindeverzeichnis extract,
 * all or nothing. Exit codes: 0 written, 1 the extract has problems, 2 a wrong call.
 */

export interface GazetteerCommandDeps {
  /** Today in the users' time zone (JJJJ-MM-TT): the default of --retrieved. */
  today: string;
  out: (text: string) => void;
  err: (text: string) => void;
  /** The ordinance's lists; given by tests that run on an excerpt. */
  goStatusLists?: GoStatusLists;
}

const SOURCE: Omit<GazetteerSource, 'attribution' | 'referenceDate' | 'retrieved'> = {
  title: 'Gemeindeverzeichnis-Informationssystem GV-ISys: Alle politisch selbständigen Gemeinden mit ausgewählten Merkmalen',
  publisher: 'Statistisches Bundesamt (Destatis)',
  url: 'https://www.destatis.de/DE/Themen/Laender-Regionen/Regionales/Gemeindeverzeichnis/Administrativ/Archiv/GVAuszugQ/AuszugGV4QAktuell.html',
  licence: 'dl-de/by-2-0',
  licenceUrl: 'https://www.govdata.de/dl-de/by-2-0',
};

/**
 * The extract the project's file is made from: its population figures are of 31.12.2019, a date the
 * CSV does not state. Another extract must name its date; its NRW total tells the two apart.
 */
const KNOWN_EXTRACT = { referenceDate: '2019-12-31', nrwInhabitants: 17_947_221 } as const;

const isDate = (value: string) => z.iso.date().safeParse(value).success;

export async function dataGazetteerCommand(args: string[], deps: GazetteerCommandDeps): Promise<number> {
  const t = gazetteerTexts;
  const options = { 'reference-date': { type: 'string' }, retrieved: { type: 'string' }, out: { type: 'string' } } as const;
  const parsed = call(args, options, 1, t.usage, deps);
  if (typeof parsed === 'number') return parsed;
  const [csvFile] = parsed.positionals;
  if (csvFile === undefined) {
    deps.err(`${t.missingCsv}\n\n${t.usage}`);
    return 2;
  }
  const givenDate = text(parsed.values['reference-date']);
  const retrieved = text(parsed.values.retrieved) ?? deps.today;
  for (const [option, value] of [
    ['--reference-date', givenDate],
    ['--retrieved', retrieved],
  ] as const) {
    if (value !== undefined && !isDate(value)) {
      deps.err(`${t.badDate(option, value)}\n\n${t.usage}`);
      return 2;
    }
  }
  const file = text(parsed.values.out) ?? GAZETTEER_FILE;

  let csvText: string;
  try {
    csvText = await readFile(csvFile, 'utf8');
  } catch (error) {
    deps.err(t.csvUnreadable(csvFile, error instanceof Error ? error.message : String(error)));
    return 1;
  }
  const extract = parseGvExtract(csvText);
  if (extract.problems.length > 0) {
    deps.err([t.problems(csvFile, extract.problems.length), ...extract.problems.map((problem) => `  ${t.problem(problem)}`)].join('\n'));
    return 1;
  }
  const { municipalities, unmatched } = withGoStatus(extract.municipalities, deps.goStatusLists);
  if (unmatched.length > 0) {
    deps.err(t.goUnmatched(unmatched));
    return 1;
  }
  const gemeinden = municipalities.filter((entry) => entry.kind !== 'kreis');
  const inhabitants = gemeinden.reduce((sum, entry) => sum + entry.inhabitants, 0);
  if (givenDate === undefined && inhabitants !== KNOWN_EXTRACT.nrwInhabitants) {
    deps.err(t.unknownStand(inhabitants, germanDate(KNOWN_EXTRACT.referenceDate)));
    return 2;
  }
  const referenceDate = givenDate ?? KNOWN_EXTRACT.referenceDate;

  const gazetteer: Gazetteer = {
    source: {
      ...SOURCE,
      attribution: `© Statistisches Bundesamt (Destatis), Gemeindeverzeichnis-Informationssystem GV-ISys, Stand ${germanDate(referenceDate)}`,
      referenceDate,
      retrieved,
    },
    municipalities,
    outsideNrw: extract.outsideNrw,
  };
  // The parser builds valid entries; a failure here is a bug, told like a problem of the data rather than a stack trace.
  const checked = GazetteerSchema.safeParse(gazetteer, germanErrors);
  if (!checked.success) {
    deps.err(checked.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n'));
    return 1;
  }
  await writeGazetteerFile(file, checked.data);
  deps.out(
    t.written(file, {
      gemeinden: gemeinden.length,
      kreisfrei: municipalities.filter((entry) => entry.kind === 'kreisfrei').length,
      kreise: municipalities.length - gemeinden.length,
      inhabitants,
      outside: extract.outsideNrw.length,
    }),
  );
  return 0;
}
