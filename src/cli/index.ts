import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { dataCheckCommand, dataImportCommand, dataSchemaCommand } from './dataCommands.js';
import { dataGazetteerCommand } from './gazetteerCommand.js';
import { isoDateIn } from '../domain/dates.js';
import { type Hit, match, rankedHits } from '../domain/matcher.js';
import type { Programme } from '../domain/programme.js';
import { NO_PLACES, type PlaceIndex } from '../domain/places.js';
import { recognize } from '../domain/recognizer.js';
import { missingSlots } from '../domain/taxonomy.js';
import { Notifier } from '../notifications/notifier.js';
import { notifyCommand } from './notifyCommand.js';
import { reportCommand } from './reportCommand.js';
import { createStorage } from '../storage/createStorage.js';
import { FollowUpStore } from '../storage/followUpStore.js';
import { openPlaces } from '../storage/gazetteerFile.js';
import { ProgrammeCatalogue, problemText, readProgrammeFile } from '../storage/programmeFile.js';
import { notifyTexts } from '../texts/cli.js';
import { formatNumber } from '../texts/format.js';
import { SLOT_LABELS, deadlineText, mismatchText, profileText, reasonText } from '../texts/labels.js';

const USAGE = `Förderlotse NRW – Kommandozeile

  npm run --silent cli -- ask "<Satz>" [--json]   Satz verstehen und passende Programme zeigen
  npm run --silent cli -- ask --json              je Zeile der Standardeingabe ein JSON-Ergebnis
  npm run --silent cli -- validate                Programmdaten prüfen (Exit-Code 1 bei Fehlern)
  npm run --silent cli -- data:check [--today JJJJ-MM-TT]
                                                  redaktionelle Prüfung: Fehler, Warnungen, nutzbare Programme je Handlungsfeld
  npm run --silent cli -- data:import DATEI.csv [--dry-run]
                                                  Programme aus einer CSV-Tabelle übernehmen (nach id zusammengeführt)
  npm run --silent cli -- data:schema             data/programmes.schema.json und data/municipalities.schema.json neu
                                                  erzeugen (auch: npm run data:schema)
  npm run --silent cli -- data:gazetteer AUSZUG.csv
                                                  data/municipalities.json aus dem Gemeindeverzeichnis (Destatis) erzeugen
  npm run --silent cli -- notify --dry-run        zeigen, welche Benachrichtigungen heute fällig sind
  npm run --silent cli -- report [--from JJJJ-MM-TT] [--to JJJJ-MM-TT] [--format md|csv]
                                                  Bedarfsbericht: Suchen, ungedeckter Bedarf, Merkliste, Rückmeldungen

Für ask, validate, data:check und data:import: --file PFAD (Programmdaten, Vorgabe aus PROGRAMMES_FILE);
für ask und data:check: --today JJJJ-MM-TT (Stichtag für Fristen). notify und report lesen den Speicher
des Bots (STATE_STORAGE, STATE_DIR) und die Programmdaten aus PROGRAMMES_FILE. ask liest Ortsnamen mit dem
Gemeindeverzeichnis aus MUNICIPALITIES_FILE.`;

/** What `ask --json` prints for one sentence: the recognised slots and the ranked programmes. */
export function answer(sentence: string, programmes: readonly Programme[], today: string, places: PlaceIndex = NO_PLACES) {
  const profile = recognize(sentence, undefined, places);
  const result = match(profile, programmes, today);
  const row = (hit: Hit) => ({
    id: hit.programme.id,
    title: hit.programme.title,
    score: hit.score,
    reasons: hit.reasons.map(reasonText),
    status: hit.status,
  });
  return {
    slots: {
      needs: profile.needs,
      targetGroups: profile.targetGroups,
      size: profile.size === null ? null : { class: profile.size.class, inhabitants: profile.size.inhabitants ?? null },
      municipality: profile.municipality,
    },
    missing: missingSlots(profile),
    results: [...rankedHits(result), ...result.ended].map(row),
  };
}

/** The text view of `ask`, for people: slot names in German; ids of slots and the ranking score only in --json. */
function table(sentence: string, programmes: readonly Programme[], today: string, places: PlaceIndex): string {
  const profile = recognize(sentence, undefined, places);
  const result = match(profile, programmes, today);
  const missing = missingSlots(profile).map((slot) => SLOT_LABELS[slot]);
  const lines = [`Erkannt: ${profileText(profile) || '(nichts)'}`, `Fehlt: ${missing.join(', ') || '–'}`, ''];
  const hits = [...rankedHits(result), ...result.ended];
  if (hits.length === 0) lines.push('Keine Programme gefunden.');
  hits.forEach((hit, index) => {
    const notes = [...hit.reasons.map(reasonText), ...hit.mismatches.map((mismatch) => `✗ ${mismatchText(mismatch)}`)];
    lines.push(
      `${String(index + 1).padStart(2)}. ${hit.programme.title} [${hit.programme.id}] · ${deadlineText(hit.programme.deadline, hit.daysLeft)}`,
    );
    lines.push(`    ${notes.join(' · ')}`);
  });
  return lines.join('\n');
}

/** notify and report read the bot's storage (STATE_STORAGE) and the programme data; they have options of their own. */
async function followUpCommand(command: 'notify' | 'report', args: string[]): Promise<number> {
  const loaded = loadConfig();
  if (!loaded.ok) {
    console.error(`Konfiguration fehlerhaft:\n  ${loaded.problems.join('\n  ')}`);
    return 2;
  }
  const { config } = loaded;
  if (config.STATE_STORAGE === 'memory') {
    // A fresh memory store is empty: the answer would look valid and be wrong.
    console.error(notifyTexts.memoryStorage(command));
    return 2;
  }
  const opened = await ProgrammeCatalogue.open(config.PROGRAMMES_FILE);
  if (!opened.ok) {
    console.error(`Programmdaten fehlerhaft:\n  ${opened.problems.map(problemText).join('\n  ')}`);
    return 1;
  }
  const programmes = opened.catalogue.programmes;
  // Read beside the running bot: no lock on STATE_DIR, nothing changed there. Sending is the bot's job, so notify never writes either.
  const state = await createStorage(config, { role: 'reader' });
  if (!state.ok) {
    console.error(state.problem);
    return 1;
  }
  const { storage } = state;
  const today = isoDateIn(new Date(), config.TIME_ZONE);
  const out = (text: string) => console.log(text);
  const err = (text: string) => console.error(text);
  if (command === 'report') return reportCommand(args, { storage, programmes, today, out, err });
  const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const notifier = new Notifier({
    store: new FollowUpStore(storage),
    programmes: () => programmes,
    today: () => today,
    reminderDays: config.REMINDER_DAYS,
    send: () => Promise.reject(new Error('notify --dry-run sends nothing')),
    logger: silent,
  });
  return notifyCommand(args, { notifier, today, out, err });
}

/**
 * data:check and data:import read the programme file (--file, else PROGRAMMES_FILE), data:gazetteer a
 * Gemeindeverzeichnis extract; they have options of their own.
 */
async function dataCommand(command: 'data:check' | 'data:import' | 'data:gazetteer', args: string[]): Promise<number> {
  const loaded = loadConfig();
  if (!loaded.ok) {
    console.error(`Konfiguration fehlerhaft:\n  ${loaded.problems.join('\n  ')}`);
    return 2;
  }
  const deps = {
    defaultFile: loaded.config.PROGRAMMES_FILE,
    today: isoDateIn(new Date(), loaded.config.TIME_ZONE),
    out: (text: string) => console.log(text),
    err: (text: string) => console.error(text),
  };
  if (command === 'data:gazetteer') return dataGazetteerCommand(args, deps);
  return command === 'data:check' ? dataCheckCommand(args, deps) : dataImportCommand(args, deps);
}

async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === 'notify' || first === 'report') return followUpCommand(first, rest);
  if (first === 'data:check' || first === 'data:import' || first === 'data:gazetteer') return dataCommand(first, rest);
  if (first === 'data:schema') return dataSchemaCommand(rest, { out: (text) => console.log(text), err: (text) => console.error(text) });
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      file: { type: 'string' },
      today: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...words] = positionals;
  if (values.help || command === undefined) {
    console.log(USAGE);
    return command === undefined && !values.help ? 2 : 0;
  }

  const loaded = loadConfig();
  if (!loaded.ok) {
    console.error(`Konfiguration fehlerhaft:\n  ${loaded.problems.join('\n  ')}`);
    return 2;
  }
  const file = values.file ?? loaded.config.PROGRAMMES_FILE;

  if (command === 'validate') {
    const result = await readProgrammeFile(file);
    if (result.ok) {
      const count = result.programmes.length;
      console.log(`${file}: ${count === 1 ? '1 Programm, gültig' : `${formatNumber(count)} Programme, alle gültig`}.`);
      return 0;
    }
    const count = result.problems.length;
    console.error(`${file}: ${count === 1 ? '1 Problem' : `${formatNumber(count)} Probleme`}:`);
    for (const problem of result.problems) console.error(`  ${problemText(problem)}`);
    return 1;
  }

  if (command !== 'ask') {
    console.error(`Unbekannter Befehl „${command}“.\n\n${USAGE}`);
    return 2;
  }

  const today = values.today ?? isoDateIn(new Date(), loaded.config.TIME_ZONE);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(today))) {
    console.error(`--today muss ein Datum im Format JJJJ-MM-TT sein, nicht „${today}“.`);
    return 2;
  }
  const opened = await ProgrammeCatalogue.open(file);
  if (!opened.ok) {
    console.error(`Programmdaten fehlerhaft:\n  ${opened.problems.map(problemText).join('\n  ')}`);
    return 1;
  }
  const { programmes } = opened.catalogue;
  const sentence = words.join(' ');
  const openedPlaces = await openPlaces(loaded.config.MUNICIPALITIES_FILE);
  if (!openedPlaces.ok) {
    console.error(`Gemeindeverzeichnis fehlerhaft:\n  ${openedPlaces.problems.join('\n  ')}`);
    return 1;
  }
  const { places } = openedPlaces;

  if (sentence !== '') {
    console.log(values.json ? JSON.stringify(answer(sentence, programmes, today, places)) : table(sentence, programmes, today, places));
    return 0;
  }
  if (!values.json) {
    console.error('Bitte einen Satz angeben, z. B.: npm run --silent cli -- ask "Sprachkurse für Frauen, Gemeinde mit 8.000 Einwohnern"');
    return 2;
  }
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (line.trim() !== '') console.log(JSON.stringify(answer(line, programmes, today, places)));
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
