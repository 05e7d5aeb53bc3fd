import { type CatalogueSummary, type Finding, MIN_USABLE_PER_NEED } from '../domain/catalogueCheck.js';
import type { ImportChange } from '../domain/catalogueImport.js';
import { CSV_COLUMNS, type CsvProblem } from '../domain/programmeCsv.js';
import { germanDate } from '../domain/dates.js';
import type { GvProblem } from '../domain/gazetteerExtract.js';
import { type MunicipalityKind, NEEDS, NEED_LABELS, TARGET_GROUPS } from '../domain/taxonomy.js';
import { formatNumber, quote } from './format.js';

/** The command line: packaging, notify, report and the data commands. */

/** What `npm run package` reports having built. */
interface PackageWritten {
  file: string;
  name: string;
  version: string;
  manifestVersion: string;
  values: Record<'TEAMS_APP_ID' | 'BOT_ID' | 'BOT_PUBLIC_URL' | 'PRIVACY_URL' | 'TERMS_URL', string>;
}

/** All German text of packaging, for the build result and the command line. */
export const packageTexts = {
  appIdMissing:
    'MicrosoftAppId fehlt: Tragen Sie die App-ID Ihrer Azure-Bot-Registrierung ein (in .env ' +
    'oder als Umgebungsvariable). Teams erreicht den Bot über diese ID.',
  appIdNotGuid:
    'MicrosoftAppId muss eine GUID sein, so wie die Azure-Bot-Registrierung sie anzeigt (z. B. 2b6f1e1c-8f3a-4c55-9d2e-0a1b2c3d4e5f).',
  publicUrlMissing:
    'BOT_PUBLIC_URL fehlt: Tragen Sie die öffentliche https-Adresse des Bots ein, z. B. ' +
    'https://foerderlotse.kreis-beispiel.de. Teams lädt von dort den Tab „Programme“.',
  publicUrlNotHttps: 'BOT_PUBLIC_URL muss eine https-Adresse sein, z. B. https://foerderlotse.kreis-beispiel.de.',
  notPng: (file: string) => `${file} ist keine PNG-Datei. Teams braucht beide Symbole als PNG.`,
  wrongIconSize: (file: string, expected: number, width: number, height: number) =>
    `${file} muss ${expected} × ${expected} Pixel groß sein, ist aber ${width} × ${height}.`,
  templateNotJson: (file: string, reason: string) => `${file} ist kein gültiges JSON: ${reason}`,
  templateInvalid: (problems: string) => `manifest/manifest.json ist unvollständig: ${problems}`,
  unknownPlaceholder: (name: string) => `manifest/manifest.json enthält den unbekannten Platzhalter {{${name}}}.`,
  placeholderLeft: (text: string) => `Nach dem Füllen steht noch ein Platzhalter im Manifest: „${text}“.`,
  configInvalid: 'Konfiguration fehlerhaft:',
  notBuilt: 'Das Teams-App-Paket wurde nicht erstellt:',
  schemaNotBundled: (schemaUrl: string) =>
    `Für „${schemaUrl}“ bringt @microsoft/app-manifest kein Schema mit; offline lässt sich das Manifest so nicht prüfen. Wählen Sie in manifest/manifest.json eine mitgelieferte Version (siehe node_modules/@microsoft/app-manifest/build/json-schemas/teams).`,
  schemaInvalid: (count: number) =>
    `Das Manifest verletzt das offizielle Teams-Schema (${count} Fehler); das Paket wurde nicht geschrieben:`,
  usage: `Förderlotse NRW – Teams-App-Paket

  npm run package                 schreibt dist/teams/foerderlotse-nrw.zip
  npm run package -- --out PFAD   schreibt das Paket nach PFAD

Die Werte kommen aus der Konfiguration (.env oder Umgebungsvariablen): MicrosoftAppId und BOT_PUBLIC_URL sind nötig.`,
  written: (summary: PackageWritten) => {
    const { values } = summary;
    const row = (label: string, value: string) => `  ${`${label}:`.padEnd(21)}${value}`;
    return [
      `Teams-App-Paket erstellt: ${summary.file}`,
      row('App', `${summary.name} ${summary.version} (App-Manifest ${summary.manifestVersion}, gegen das offizielle Schema geprüft)`),
      row('Teams-App-ID', values.TEAMS_APP_ID),
      row('Bot-ID', values.BOT_ID),
      row('Adresse des Bots', values.BOT_PUBLIC_URL),
      row('Datenschutz', values.PRIVACY_URL),
      row('Nutzungsbedingungen', values.TERMS_URL),
      '',
      'So geht es weiter:',
      '  1. In der Azure-Bot-Registrierung den Kanal „Microsoft Teams“ einschalten und als Messaging-Endpunkt',
      `     ${values.BOT_PUBLIC_URL}/api/messages eintragen.`,
      '  2. Das Paket hochladen: für die ganze Organisation im Teams Admin Center unter „Teams-Apps“ →',
      '     „Apps verwalten“ → „Hochladen“, oder zum Ausprobieren in Teams unter „Apps“ → „Apps verwalten“ →',
      '     „App hochladen“ (wenn Ihre Organisation das Hochladen eigener Apps erlaubt).',
      '  3. Bei einem Update zuerst „version“ in manifest/manifest.json erhöhen, dann neu packen und die Datei',
      '     bei der vorhandenen App hochladen; die Teams-App-ID bleibt dieselbe.',
      '',
    ].join('\n');
  },
};

/** `npm run cli -- notify --dry-run` */
export const notifyTexts = {
  badArgument: (argument: string) => `notify: unbekannte Angabe „${argument}“.\nAufruf: npm run --silent cli -- notify --dry-run`,
  unreadable: (user: string, detail: string) => `Nutzer ${user}: gespeicherte Daten nicht lesbar, hier übersprungen (${detail})`,
  memoryStorage: (command: string) =>
    `${command} liest den Speicher des laufenden Bots. Mit STATE_STORAGE=memory gibt es keinen, den ein zweiter Prozess lesen kann: Setzen Sie STATE_STORAGE wie beim Bot (file mit STATE_DIR oder blob).`,
  onlyDryRun:
    'notify zeigt nur an, was fällig ist: bitte mit --dry-run aufrufen. Senden übernimmt der laufende Bot (NOTIFY_INTERVAL_MINUTES).',
  heading: (today: string, count: number) =>
    count === 0
      ? `Heute (${germanDate(today)}) ist keine Benachrichtigung fällig.`
      : `Heute (${germanDate(today)}) fällig: ${count === 1 ? '1 Benachrichtigung' : `${count} Benachrichtigungen`}`,
  entry: (user: string, kind: string, programmeId: string) => `Nutzer ${user} · ${NOTIFICATION_KINDS[kind] ?? kind} · ${programmeId}`,
};

const NOTIFICATION_KINDS: Record<string, string> = {
  deadline: 'Fristerinnerung',
  ended: 'Programm beendet',
  newMatch: 'neu zur gespeicherten Suche',
  changedMatch: 'geändert (gespeicherte Suche)',
};

/** The demand report (`npm run cli -- report`) and its command line. */

export const reportTexts = {
  title: 'Bedarfsbericht des Förderlotsen NRW',
  period: (from: string, to: string) => `Zeitraum: ${germanDate(from)} bis ${germanDate(to)}`,
  totals: (searches: number, unmet: number) =>
    `${formatNumber(searches)} ${searches === 1 ? 'Suche' : 'Suchen'}, davon ${formatNumber(unmet)} ohne offenes Programm.`,
  notGiven: 'ohne Angabe',
  yes: 'ja',
  no: 'nein',
  number: formatNumber,
  date: germanDate,
  percent: (share: number) => `${Math.round(share * 100)} %`,
  unknownProgramme: (id: string) => `${id} (nicht mehr im Programmbestand)`,

  headings: {
    demand: 'Nachfrage nach Handlungsfeld, Zielgruppe und Größe',
    unmet: 'Suchen ohne offenes Programm (ungedeckter Bedarf)',
    watched: 'Meistgemerkte Programme',
    feedback: 'Rückmeldungen',
  },
  notes: {
    demand: 'Eine Suche mit mehreren Handlungsfeldern oder Zielgruppen zählt in jeder passenden Zeile.',
    unmet: 'Kombinationen, zu denen mindestens eine Suche kein offenes Programm fand, die häufigsten zuerst.',
  },
  empty: {
    demand: 'Im Zeitraum wurde nicht gesucht.',
    unmet: 'Jede Suche fand mindestens ein offenes Programm.',
    watched: 'Im Zeitraum wurde kein Programm gemerkt.',
    feedback: 'Im Zeitraum gab es keine Rückmeldungen.',
    comments: 'Keine Kommentare.',
  },
  columns: {
    need: 'Handlungsfeld',
    targetGroup: 'Zielgruppe',
    sizeClass: 'Größe',
    searches: 'Suchen',
    unmet: 'davon ohne offenes Programm',
    unmetFirst: 'Suchen ohne offenes Programm',
    searchesAll: 'Suchen insgesamt',
    programme: 'Programm',
    programmeId: 'Kennung',
    watched: 'gemerkt',
    date: 'Datum',
    helpful: 'Hilfreich',
    profile: 'Suche',
    comment: 'Kommentar',
  },
  feedbackSummary: (helpful: number, notHelpful: number, share: string) =>
    `Hilfreich: ${formatNumber(helpful)} · Nicht hilfreich: ${formatNumber(notHelpful)} · Anteil hilfreich: ${share}`,

  /** One table for spreadsheets: column names and the values of the column `abschnitt`. */
  csv: {
    header: [
      'abschnitt',
      'handlungsfeld',
      'zielgruppe',
      'groesse',
      'programm_id',
      'programm',
      'suchen',
      'ohne_offenes_programm',
      'anzahl',
      'datum',
      'hilfreich',
      'kommentar',
    ],
    sections: {
      from: 'zeitraum_von',
      to: 'zeitraum_bis',
      totals: 'summe',
      demand: 'nachfrage',
      unmet: 'ungedeckt',
      watched: 'gemerkt',
      feedback: 'rueckmeldung',
      comment: 'kommentar',
    },
  },

  command: {
    usage: `Bedarfsbericht

  npm run --silent cli -- report [--from JJJJ-MM-TT] [--to JJJJ-MM-TT] [--format md|csv]

Vorgaben: --from 365 Tage vor heute, --to heute, --format md (Markdown); csv ist eine Tabelle mit Semikolon.`,
    unknownOption: (option: string) => `Die Option ${option} gibt es nicht.`,
    missingValue: (option: string) => `${option} braucht einen Wert.`,
    unexpected: (argument: string) => `„${argument}“ ist hier nicht vorgesehen.`,
    badDate: (option: string, value: string) =>
      `--${option} „${value}“ ist kein gültiges Datum; bitte im Format JJJJ-MM-TT angeben, z. B. 2026-01-31.`,
    fromAfterTo: (from: string, to: string) => `--from ${germanDate(from)} liegt nach --to ${germanDate(to)}.`,
    tooLong: (days: number, max: number) =>
      `Der Zeitraum umfasst ${formatNumber(days)} Tage; höchstens ${formatNumber(max)} Tage sind möglich.`,
    badFormat: (value: string) => `--format „${value}“ gibt es nicht; möglich sind md und csv.`,
    storageFailed: (detail: string) => `Die gespeicherten Daten konnten nicht gelesen werden: ${detail}`,
    readSummary: (events: number, skipped: number) =>
      `${formatNumber(events)} ${events === 1 ? 'Eintrag' : 'Einträge'} gelesen, ${formatNumber(skipped)} ${skipped === 1 ? 'ungültiger' : 'ungültige'} übersprungen.`,
  },
} as const;

/** The programme catalogue tools: `data:check`, `data:import` and `data:schema`. */

const programmeCount = (count: number) => `${formatNumber(count)} ${count === 1 ? 'Programm' : 'Programme'}`;

/** "A", "B", … "Z", "AA": the column as a spreadsheet labels it. */
function columnLetter(index: number): string {
  const letter = String.fromCharCode(65 + (index % 26));
  return index < 26 ? letter : `${columnLetter(Math.floor(index / 26) - 1)}${letter}`;
}

function findingMessage(finding: Finding): string {
  switch (finding.kind) {
    case 'invalid':
      return finding.message;
    case 'verifiedInFuture':
      return `Prüfdatum ${germanDate(finding.lastVerified)} liegt in der Zukunft; bitte den Tag der Prüfung eintragen`;
    case 'duplicateEntry':
      return `doppelt: gleicher Titel und gleiche Antragsadresse wie ${quote(finding.of)}; einen der beiden Einträge löschen`;
    case 'stale':
      return `zuletzt geprüft am ${germanDate(finding.lastVerified)}, vor ${formatNumber(finding.days)} Tagen; bitte an der Quelle nachsehen und lastVerified aktualisieren`;
    case 'deadlinePassed':
      return `Frist abgelaufen (${germanDate(finding.date)}), aber nicht als beendet, naechste_runde oder jaehrlich markiert`;
    case 'duplicateTitle':
      return `gleicher Titel wie ${quote(finding.of)}; ist es dasselbe Programm?`;
    case 'sharedApplicationUrl':
      return `gleiche Antragsadresse wie ${quote(finding.of)}; richtig nur, wenn beide über dieselbe Seite beantragt werden`;
    case 'sharedSourceUrl':
      return `gleiche Quelle wie ${quote(finding.of)}; in Ordnung, wenn es eine Übersichtsseite des Fördergebers ist`;
    case 'successorEnded':
      return `Nachfolger ${quote(finding.successor)} ist selbst beendet; gibt es ein neueres Programm?`;
    case 'thinNeed':
      return `Handlungsfeld ${quote(NEED_LABELS[finding.need])} (${finding.need}): ${finding.count === 0 ? 'kein nutzbares Programm' : `nur ${programmeCount(finding.count)} nutzbar`}, mindestens ${MIN_USABLE_PER_NEED} wären gut`;
    case 'ownOfficeWithoutRoute':
      return 'eigenes Amt ist nur sinnvoll, wenn Gemeinden und Kreise antragsberechtigt sind (applicants mit gemeinde und kreis)';
  }
}

const ASKER_LABELS: Record<MunicipalityKind, string> = {
  kreisangehoerig: 'Kleine kreisangehörige Gemeinde',
  kreisfrei: 'Kreisfreie Stadt',
  kreis: 'Kreis',
};
const SHORT_GROUP = Object.fromEntries(TARGET_GROUPS.map((group) => [group.id, group.short])) as Record<string, string>;

/** The gaps as one line per kind of municipality: need, then the groups it finds nothing of its own for. */
function gapLines(summary: CatalogueSummary): string[] {
  if (summary.gaps.length === 0)
    return ['Für jedes Handlungsfeld und jede Zielgruppe gibt es ein Programm, das die Kommune selbst beantragen kann.'];
  const allGroups = TARGET_GROUPS.length;
  return [
    'Nichts selbst zu beantragen (nur über andere Stellen oder gar nichts), je Art der Kommune:',
    ...(Object.keys(ASKER_LABELS) as MunicipalityKind[]).flatMap((kind) => {
      const gaps = summary.gaps.filter((gap) => gap.kind === kind);
      if (gaps.length === 0) return [];
      const parts = gaps.map(
        (gap) =>
          `${NEEDS.find((need) => need.id === gap.need)?.short ?? gap.need}${
            gap.targetGroups.length === allGroups
              ? ' (alle Zielgruppen)'
              : ` (${gap.targetGroups.map((id) => SHORT_GROUP[id] ?? id).join(', ')})`
          }`,
      );
      return [`  ${ASKER_LABELS[kind]}: ${parts.join(' · ')}`];
    }),
  ];
}

function csvProblemMessage(problem: CsvProblem): string {
  switch (problem.kind) {
    case 'notUtf8':
      return (
        'die Datei ist nicht in UTF-8 gespeichert (Umlaute wären falsch); in Excel bitte „CSV ' +
        'UTF-8 (durch Trennzeichen getrennt)“ wählen'
      );
    case 'noHeader':
      return `die Datei ist leer; die erste Zeile muss die Spaltennamen enthalten`;
    case 'unclosedQuote':
      return 'das Anführungszeichen am Anfang der Zelle wird nicht geschlossen';
    case 'textAfterQuote':
      return 'nach dem schließenden Anführungszeichen folgt noch Text; ein Anführungszeichen in der Zelle wird verdoppelt ("")';
    case 'unknownColumn':
      return problem.name === ''
        ? 'Spalte ohne Namen'
        : `unbekannte Spalte ${quote(problem.name)}${problem.suggestion === null ? '' : `; gemeint ist wohl ${quote(problem.suggestion)}`}`;
    case 'duplicateColumn':
      return `die Spalte ${quote(problem.name)} kommt zweimal vor`;
    case 'missingColumns':
      return `${problem.names.length === 1 ? 'es fehlt die Spalte' : 'es fehlen die Spalten'} ${problem.names.map(quote).join(', ')}`;
    case 'noRows':
      return 'nach der Kopfzeile folgt kein Programm';
    case 'cellCount':
      return `${problem.found} Zellen statt ${problem.expected}; enthält eine Zelle das Trennzeichen ohne Anführungszeichen?`;
    case 'notANumber':
      return `${quote(problem.value)} ist keine Zahl; so geht es: 50000, 50.000 oder 12,5`;
    case 'notADate':
      return `${quote(problem.value)} ist kein gültiges Datum; so geht es: 2026-03-31 oder 31.03.2026`;
    case 'notAnAgeRange':
      return `${quote(problem.value)} ist keine Altersangabe; so geht es: 28-59, ab 28 oder bis 27`;
    case 'notADayOfYear':
      return `${quote(problem.value)} ist kein Tag im Jahr; bei deadlineKind „jaehrlich“ so: 30.11.`;
    case 'notAllowed':
      return `${quote(problem.value)} ist hier nicht möglich; erlaubt: ${problem.allowed.join(', ')}`;
    case 'dateNotExpected':
      return 'bei deadlineKind „laufend“ bleibt deadlineDate leer';
    case 'dateRequired':
      return `bei deadlineKind ${quote(problem.deadlineKind)} gehört das Datum in deadlineDate`;
    case 'duplicateId':
      return `${quote(problem.id)} steht schon in Zeile ${problem.firstLine}`;
    case 'invalid':
      return problem.message;
  }
}

const OPTION_HINTS = {
  unknownOption: (option: string) => `Die Option ${option} gibt es nicht.`,
  missingValue: (option: string) => `${option} braucht einen Wert.`,
  unexpected: (argument: string) => `„${argument}“ ist hier nicht vorgesehen.`,
};

export const dataTexts = {
  options: OPTION_HINTS,
  badToday: (value: string) => `--today „${value}“ ist kein gültiges Datum; bitte im Format JJJJ-MM-TT angeben, z. B. 2026-01-31.`,
  fileUnreadable: (problem: string) => `Programmdaten nicht lesbar: ${problem}`,

  check: {
    usage: `Programmdaten redaktionell prüfen

  npm run --silent cli -- data:check [--file PFAD] [--today JJJJ-MM-TT]

Meldet Fehler (Schema, doppelte Kennungen oder Einträge, Prüfdatum in der Zukunft; Exit-Code 1)
und Warnungen (Prüfung älter als 180 Tage, abgelaufene Stichtage, gleiche Titel oder Adressen,
beendete Nachfolger, Handlungsfelder mit weniger als ${MIN_USABLE_PER_NEED} nutzbaren Programmen; Exit-Code 0).`,
    heading: (file: string, count: number, today: string) => `${file}: ${programmeCount(count)} geprüft, Stand ${germanDate(today)}`,
    errors: (count: number) => `Fehler (${formatNumber(count)}), bitte beheben:`,
    warnings: (count: number) => `Warnungen (${formatNumber(count)}), bitte ansehen:`,
    finding: (finding: Finding) => {
      const where = [
        finding.entry === null ? null : `Eintrag ${quote(finding.entry)}`,
        finding.entry === null || finding.field === null ? null : `Feld ${quote(finding.field)}`,
      ];
      const located = where.filter((part) => part !== null).join(', ');
      return located === '' ? findingMessage(finding) : `${located}: ${findingMessage(finding)}`;
    },
    summary: (summary: CatalogueSummary) =>
      [
        `Nutzbar für Kommunen (selbst oder über eine Stelle beantragbar, nicht beendet): ${formatNumber(summary.usable)} von ${formatNumber(summary.programmes)} ${summary.programmes === 1 ? 'Programm' : 'Programmen'}.`,
        `Je Handlungsfeld: ${NEEDS.map((need) => `${need.short} ${formatNumber(summary.usablePerNeed[need.id])}`).join(' · ')}`,
        ...gapLines(summary),
      ].join('\n'),
    verdict: (errors: number, warnings: number) =>
      errors > 0
        ? `${formatNumber(errors)} Fehler, ${formatNumber(warnings)} ${warnings === 1 ? 'Warnung' : 'Warnungen'}: Die Datei muss korrigiert werden.`
        : warnings > 0
          ? `Keine Fehler, ${formatNumber(warnings)} ${warnings === 1 ? 'Warnung' : 'Warnungen'}.`
          : 'Keine Fehler, keine Warnungen.',
  },

  import: {
    usage: `Programme aus einer Tabelle (CSV) übernehmen

  npm run --silent cli -- data:import DATEI.csv [--file PFAD] [--dry-run]

Die erste Zeile nennt die Spalten (Reihenfolge beliebig, alle nötig):
  ${CSV_COLUMNS.join(';')}
Trennzeichen ; oder , · UTF-8 · Listen mit , oder | · leere Zelle = keine Angabe
Zahlen wie 50.000 oder 12,5 · Datum als 2026-03-31 oder 31.03.2026
deadlineDate: Frist bei stichtag, Tag und Monat bei jaehrlich (30.11.), Ende bei beendet, letzte Frist bei naechste_runde (freiwillig), leer bei laufend
targetGroups leer = offen für alle Zielgruppen
Eine Zeile ersetzt das Programm mit derselben id ganz; neue ids kommen hinzu; alle anderen bleiben.
Bei einem Problem wird nichts geschrieben. --dry-run zeigt nur, was sich ändern würde.`,
    missingCsv: 'Bitte die CSV-Datei angeben.',
    csvUnreadable: (file: string, detail: string) => `${file} ist nicht lesbar: ${detail}`,
    csvProblems: (file: string, count: number) =>
      `${file}: ${count === 1 ? '1 Problem' : `${formatNumber(count)} Probleme`}, nichts geschrieben.`,
    problem: (problem: CsvProblem) =>
      `Zeile ${problem.line}${problem.column === null ? '' : `, Spalte ${columnLetter(problem.column.index)}${problem.column.name === null ? '' : ` (${problem.column.name})`}`}: ${csvProblemMessage(problem)}`,
    expectedHeader: `Erwartete Kopfzeile: ${CSV_COLUMNS.join(';')}`,
    fileProblems: (file: string, count: number) =>
      `${file} hat ${count === 1 ? 'ein Problem' : `${formatNumber(count)} Probleme`}, das der Import nicht behebt; nichts geschrieben. Bitte zuerst die Datei korrigieren:`,
    added: (change: ImportChange) => `  neu:      ${change.id} · ${change.title} (Zeile ${change.line})`,
    changed: (change: ImportChange) => `  geändert: ${change.id} · ${change.title} (Zeile ${change.line}; ${change.fields.join(', ')})`,
    counts: (added: number, changed: number, unchanged: number) =>
      `${programmeCount(added)} neu, ${formatNumber(changed)} geändert, ${formatNumber(unchanged)} unverändert`,
    written: (counts: string, file: string) => `${counts}; geschrieben nach ${file}`,
    reloadHint: 'Ein laufender Bot übernimmt die Änderung von selbst (er beobachtet die Datei); ein Neustart ist nicht nötig.',
    dryRun: (counts: string) => `${counts}; Probelauf (--dry-run), nichts geschrieben.`,
    nothingToWrite: (counts: string) => `${counts}; nichts zu schreiben.`,
    writeFailed: (file: string, detail: string) => `${file} konnte nicht geschrieben werden (${detail}); die Datei ist unverändert.`,
    changedMeanwhile: (file: string) =>
      `${file} wurde während des Imports von anderer Seite geändert; nichts geschrieben. Bitte den Import noch einmal starten.`,
  },

  schema: {
    title: 'Förderlotse NRW: Programmdaten',
    description: 'Der Programmbestand des Förderlotsen NRW. Prüfen mit: npm run cli -- validate und npm run cli -- data:check',
    usage: `JSON-Schemas der Datendateien erzeugen

  npm run data:schema

Schreibt data/programmes.schema.json und data/municipalities.schema.json aus den Schemas im Code.
Nach jeder Änderung an src/domain/programme.ts oder src/domain/gazetteer.ts neu erzeugen.`,
    written: (file: string) =>
      `${file} geschrieben. Editoren nutzen es, wenn die Programmdatei oben "$schema": "./programmes.schema.json" enthält.`,
    gazetteerWritten: (file: string) => `${file} geschrieben (Schema des Gemeindeverzeichnisses).`,
  },

  gazetteerSchema: {
    title: 'Förderlotse NRW: Gemeindeverzeichnis',
    description:
      'Alle Gemeinden und Kreise in NRW nach dem Gemeindeverzeichnis des Statistischen Bundesamts. Erzeugt mit: ' +
      'npm run cli -- data:gazetteer AUSZUG.csv; nicht von Hand bearbeiten.',
  },
};

function gvProblemMessage(problem: GvProblem): string {
  switch (problem.kind) {
    case 'unclosedQuote':
      return 'das Anführungszeichen am Anfang der Zelle wird nicht geschlossen';
    case 'textAfterQuote':
      return 'nach dem schließenden Anführungszeichen folgt noch Text';
    case 'missingColumns':
      return problem.names.length === 0
        ? 'die Datei ist leer'
        : `${problem.names.length === 1 ? 'es fehlt die Spalte' : 'es fehlen die Spalten'} ${problem.names.map(quote).join(', ')}`;
    case 'cellCount':
      return `${problem.found} Zellen statt ${problem.expected}`;
    case 'unknownRecordType':
      return `unbekannte Satzart ${quote(problem.value)} (erwartet: 10, 20, 30, 40, 50 oder 60)`;
    case 'badKey':
      return `${quote(problem.value)} in Spalte ${quote(problem.column)} ist kein Schlüssel aus ${problem.digits} ${problem.digits === 1 ? 'Ziffer' : 'Ziffern'}`;
    case 'emptyName':
      return 'ohne Namen';
    case 'badPopulation':
      return problem.value === ''
        ? 'Gemeinde in NRW ohne Einwohnerzahl'
        : `${quote(problem.value)} ist keine Einwohnerzahl (erwartet: Ziffern, Tausender durch Leerzeichen getrennt)`;
    case 'duplicateKey':
      return `der Schlüssel ${problem.key} steht schon in Zeile ${problem.firstLine}`;
    case 'unknownRegierungsbezirk':
      return `${quote(problem.name)} ist kein Regierungsbezirk in NRW`;
    case 'noRegierungsbezirk':
      return `zum Regierungsbezirk ${problem.key} fehlt die Zeile mit Satzart 20`;
    case 'noLand':
      return `zum Land ${problem.key} fehlt die Zeile mit Satzart 10`;
    case 'noKreis':
      return `zum Kreis ${problem.key} fehlt die Zeile mit Satzart 40`;
    case 'kreisWithoutGemeinden':
      return `der Kreis ${problem.key} hat keine Gemeinde`;
    case 'noNrw':
      return 'der Auszug enthält keine Gemeinde in Nordrhein-Westfalen (Land 05)';
  }
}

/** `npm run cli -- data:gazetteer AUSZUG.csv` */
export const gazetteerTexts = {
  usage: `Gemeindeverzeichnis NRW erzeugen (data/municipalities.json)

  npm run --silent cli -- data:gazetteer AUSZUG.csv [--reference-date JJJJ-MM-TT] [--retrieved JJJJ-MM-TT] [--out PFAD]

AUSZUG.csv ist der Auszug aus dem Gemeindeverzeichnis des Statistischen Bundesamts (GV-ISys, „Alle politisch
selbständigen Gemeinden mit ausgewählten Merkmalen“) als CSV mit den Spalten satzart, textkennzeichen, land, rb,
kreis, vb, gemeinde, gemeindename und bevoelkerung (Quelle und Adresse: README, Abschnitt „Gemeindeverzeichnis“).
--reference-date  Stichtag der Einwohnerzahlen; ohne Angabe 2019-12-31, der Stand des Auszugs, aus dem die Datei
                  im Projekt erzeugt ist (ein anderer Auszug braucht die Angabe)
--retrieved       Tag, an dem der Auszug abgerufen wurde; ohne Angabe heute
--out             Zieldatei; ohne Angabe data/municipalities.json
Bei einem Problem im Auszug wird nichts geschrieben.`,
  missingCsv: 'Bitte die CSV-Datei mit dem Auszug angeben.',
  badDate: (option: string, value: string) => `${option} „${value}“ ist kein gültiges Datum; bitte im Format JJJJ-MM-TT angeben.`,
  csvUnreadable: (file: string, detail: string) => `${file} ist nicht lesbar: ${detail}`,
  problems: (file: string, count: number) =>
    `${file}: ${count === 1 ? '1 Problem' : `${formatNumber(count)} Probleme`}, nichts geschrieben.`,
  problem: (problem: GvProblem) => `${problem.line === null ? 'Datei' : `Zeile ${problem.line}`}: ${gvProblemMessage(problem)}`,
  unknownStand: (inhabitants: number, known: string) =>
    `Dieser Auszug nennt für NRW ${formatNumber(inhabitants)} Einwohner, nicht die des bekannten Stands ${known}. Bitte den ` +
    'Stichtag der Einwohnerzahlen mit --reference-date angeben.',
  goUnmatched: (names: readonly string[]) =>
    `Diese Namen aus der Verordnung nach § 4 GO NRW passen zu keiner (oder mehr als einer) kreisangehörigen Gemeinde des ` +
    `Auszugs: ${names.map(quote).join(', ')}. Nichts geschrieben; bitte die Liste in src/domain/goStatus.ts prüfen.`,
  written: (file: string, counts: { gemeinden: number; kreisfrei: number; kreise: number; inhabitants: number; outside: number }) =>
    `${file} geschrieben: ${formatNumber(counts.gemeinden)} Gemeinden (davon ${formatNumber(counts.kreisfrei)} kreisfrei), ` +
    `${formatNumber(counts.kreise)} Kreise, ${formatNumber(counts.inhabitants)} Einwohner; ${formatNumber(counts.outside)} Namen außerhalb von NRW.`,
};
