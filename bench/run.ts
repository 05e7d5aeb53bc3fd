import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { buildTargets, ensureBuild } from './build.js';
import { QUERY_KINDS, benchMatcher } from './matcher.js';
import { benchMemory } from './memory.js';
import { benchRecognizer } from './recognizer.js';
import { GAZETTEER_FILE, openPlaces } from '../src/storage/gazetteerFile.js';
import { benchStartup } from './startup.js';
import { benchStorage } from './storage.js';
import { mbText, msText, printTable, reached, times } from './stats.js';
import { benchTurns } from './turns.js';
import { benchComposeSearch } from './composeSearch.js';
import { benchLongConversation } from './longConversation.js';

/**
 * `npm run bench`: each measurement next to a baseline from the same run, as tables and
 * bench/results.json. `npm run bench -- --only=matcher,turns` runs some sections only
 * (erkennung, matcher, speicher, turns, gespraech, suche, startup, memory).
 */

const SECTIONS = ['erkennung', 'matcher', 'speicher', 'turns', 'gespraech', 'suche', 'startup', 'memory'] as const;
type Section = (typeof SECTIONS)[number];
const onlyArgument = process.argv.find((argument) => argument.startsWith('--only='));
const chosen = new Set<string>(onlyArgument === undefined ? SECTIONS : onlyArgument.slice('--only='.length).split(','));
const runs = (section: Section) => chosen.has(section);

const count = (value: number) => Math.round(value).toLocaleString('de-DE');
const seconds = (value: number) => `${value.toFixed(1).replace('.', ',')} s`;
const percent = (share: number) => `${share >= 0 ? '+' : ''}${(share * 100).toFixed(1).replace('.', ',')} %`;
const load = () => loadavg()[0]?.toFixed(2) ?? '–';

// Which state of the code was measured (read-only git call; empty outside a repository).
const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', timeout: 5000 }).stdout?.trim() ?? '';
const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  commit,
  node: process.version,
  cpus: availableParallelism(),
  sections: [...chosen],
};
const loadBefore: Record<string, string> = {};
const started = performance.now();
console.log(
  `Förderlotse NRW – Messungen (Stand ${commit || '?'}, Node ${process.version}, ${availableParallelism()} Kerne, Last vorher ${load()})`,
);

if (runs('erkennung')) {
  loadBefore.erkennung = load();
  const opened = await openPlaces();
  if (!opened.ok) throw new Error(`${GAZETTEER_FILE}: ${opened.problems.join('; ')}`);
  const recognizer = benchRecognizer(opened.places);
  results.recognizer = recognizer;
  printTable(
    `Erkennung (${recognizer.messages} Nachrichten, je ${recognizer.recognizer.samples / recognizer.messages}×)`,
    ['Messung', 'Median', 'p99'],
    [
      ['recognize()', msText(recognizer.recognizer.medianMs), msText(recognizer.recognizer.p99Ms)],
      ['recognize(), erster Durchlauf', msText(recognizer.cold.medianMs), msText(recognizer.cold.p99Ms)],
      ['Basis: readTokens()', msText(recognizer.baseline.medianMs), msText(recognizer.baseline.p99Ms)],
    ],
    [
      `Verhältnis zur Basis: Median ${times(recognizer.p50Ratio, 1)}, p99 ${times(recognizer.p99Ratio, 1)} · Ziel p99 < 0,5 ms: ${reached(Math.max(recognizer.recognizer.p99Ms, recognizer.cold.p99Ms) < 0.5)}`,
    ],
  );
}

if (runs('matcher')) {
  loadBefore.matcher = load();
  const sizes = benchMatcher();
  results.matcher = sizes;
  printTable(
    `Abgleich: Zeit je Anfrage (${sizes[0]?.queries ?? 0} Anfragen je Runde; Basis: rankAmong() über alle Programme, abwechselnd gemessen)`,
    [
      'Programme',
      'Runden (Basis)',
      'match() Median',
      'match() p99',
      'Basis Median',
      'Basis p99',
      'Verh. Median',
      'Verh. p99',
      'Ziel p99',
      '',
    ],
    sizes.map((size) => [
      count(size.programmes),
      `${size.rounds} (${size.scanRounds})`,
      msText(size.match.medianMs),
      msText(size.match.p99Ms),
      msText(size.scan.medianMs),
      msText(size.scan.p99Ms),
      times(size.p50Ratio),
      times(size.p99Ratio),
      `≤ ${msText(size.targetP99Ms, 1)}`,
      reached(size.targetMet),
    ]),
    [
      `Zeit je Aufruf mit performance.now(), bis die erste Seite (5 Treffer mit Begründung) gelesen ist; bei 100.000 volle Speicherbereinigung beim Wechsel zwischen match() und Basis; Anfragen: ohne Angaben, nur Zielgruppe, 1 oder 2 Handlungsfelder mit/ohne Zielgruppe, je Größenklasse und ohne · Systemlast vorher ${loadBefore.matcher}`,
    ],
  );
  printTable(
    'Abgleich: Index und Speicher (Heap nach vollständiger Speicherbereinigung)',
    [
      'Programme',
      'Erzeugen+Prüfen',
      'Index aufbauen',
      'Heap vorher',
      'Heap + Bestand',
      'Heap + Index',
      'Bestand',
      'Index',
      'Kandidaten/Anfr.',
      'Treffer/Anfr.',
    ],
    sizes.map((size) => [
      count(size.programmes),
      msText(size.generateMs, 0),
      msText(size.indexBuild.medianMs, 1),
      mbText(size.heap.beforeStoreBytes),
      mbText(size.heap.afterStoreBytes),
      mbText(size.heap.afterIndexBytes),
      mbText(size.heap.storeBytes),
      mbText(size.heap.indexBytes),
      count(size.averageCandidates),
      count(size.averageHits),
    ]),
  );
  printTable(
    'Abgleich: p99 je Art der Anfrage, match() / Basis',
    ['Anfrage', ...sizes.map((size) => `${count(size.programmes)} Programme`)],
    QUERY_KINDS.map((kind) => [
      kind,
      ...sizes.map((size) => `${msText(size.matchByKind[kind].p99Ms)} / ${msText(size.scanByKind[kind].p99Ms)}`),
    ]),
  );
}

if (runs('speicher')) {
  loadBefore.speicher = load();
  const storage = await benchStorage();
  results.storage = storage;
  const micros = (value: number) => `${Math.round(value).toLocaleString('de-DE')} µs`;
  printTable(
    `Zustandsspeicher allein: Lesen + Schreiben je Turn (${storage.conversations} Unterhaltungen gleichzeitig, Zustand 3,5 KB, Median aus 5 Runden im Wechsel)`,
    ['Speicher', 'CPU je Turn', 'Dauer je Turn'],
    [
      ['Datei-Speicher (voreingestellt)', micros(storage.file.cpuUsPerTurn), micros(storage.file.wallUsPerTurn)],
      ['Basis: MemoryStorage (botbuilder)', micros(storage.memory.cpuUsPerTurn), micros(storage.memory.wallUsPerTurn)],
    ],
    [
      `Verhältnis CPU: ${times(storage.ratio, 1)} · CPU dieses Prozesses samt seiner Dateisystem-Threads · Systemlast vorher ${loadBefore.speicher}`,
    ],
  );
}

if (runs('turns') || runs('gespraech') || runs('suche') || runs('startup') || runs('memory')) {
  const build = ensureBuild();
  buildTargets();
  results.build = build;
  if (build.built) console.log(`\n(dist/ neu gebaut in ${seconds(build.ms / 1000)})`);
}

if (runs('turns')) {
  loadBefore.turns = load();
  const turns = await benchTurns();
  results.turns = turns;
  const row = (name: string, bot: typeof turns.echo) => [
    name,
    count(bot.turns),
    count(bot.turnsPerSecond),
    msText(bot.latency.medianMs, 1),
    msText(bot.latency.p99Ms, 1),
    msText(bot.cpuMsPerTurn, 2),
    String(bot.failed),
    bot.connectorRequestsPerTurn.toFixed(2).replace('.', ','),
    bot.connectorConnectionsPerTurn.toFixed(3).replace('.', ','),
  ];
  const ratioRow = (name: string, ratios: { throughput: number; p50: number; cpuPerTurn: number }) => [
    name,
    '',
    times(ratios.throughput),
    times(ratios.p50),
    '',
    times(ratios.cpuPerTurn),
    '',
    '',
    '',
  ];
  printTable(
    `Nachrichten über HTTP (${turns.users} Nutzer gleichzeitig, je eigene Unterhaltung; ${turns.rounds} Runden abwechselnd nach Aufwärmen)`,
    ['Bot', 'Turns', 'Turns/s', 'p50', 'p99', 'CPU/Turn', 'Fehler', 'Antworten/Turn', 'Verbindungen/Turn'],
    [
      row('Basis: Echo-Bot (restify + CloudAdapter)', turns.echo),
      row('Dialog-Echo (+ ConversationState, Wasserfall)', turns.dialogs),
      row('Förderlotse (createApp, MemoryStorage)', turns.full),
      row('Förderlotse (createApp, Datei-Speicher)', turns.fullFile),
      [
        'Verhältnis Förderlotse/Basis',
        '',
        times(turns.throughputRatio),
        times(turns.p50Ratio),
        times(turns.p99Ratio),
        times(turns.cpuPerTurnRatio),
        '',
        '',
        '',
      ],
      ratioRow('Verhältnis Dialog-Echo/Basis', turns.floor.dialogsToEcho),
      ratioRow('Verhältnis Förderlotse/Dialog-Echo', turns.floor.fullToDialogs),
      ratioRow('Verhältnis Förderlotse (Datei)/Dialog-Echo', turns.floor.fullFileToDialogs),
    ],
    [
      `Ziel p50 ≤ 1,5× Basis: ${reached(turns.targets.p50Met)} (${times(turns.p50Ratio)}) · Ziel Durchsatz ≥ 2/3 der Basis: ${reached(turns.targets.throughputMet)} (${times(turns.throughputRatio)})`,
      `Ziel mit Datei-Speicher gegen Dialog-Echo: p50 ≤ 1,25×: ${reached(turns.floorTargets.p50Met)} (${times(turns.floor.fullFileToDialogs.p50)}) · Durchsatz ≥ 0,8×: ${reached(turns.floorTargets.throughputMet)} (${times(turns.floor.fullFileToDialogs.throughput)})`,
      'Dialog-Echo: der kleinste Bot mit botbuilder-dialogs (ein Wasserfall mit Prompt, Zustand in MemoryStorage) – was jeder Bot auf diesem Stack mindestens kostet',
      `Turns/s je Runde – Basis: ${turns.echo.phaseTurnsPerSecond.map(count).join(', ')}; Dialog-Echo: ${turns.dialogs.phaseTurnsPerSecond.map(count).join(', ')}; Förderlotse: ${turns.full.phaseTurnsPerSecond.map(count).join(', ')}; mit Datei: ${turns.fullFile.phaseTurnsPerSecond.map(count).join(', ')}`,
      `Abgeschlossene Unterhaltungen des Förderlotsen: ${count(turns.full.conversationsFinished)} (Datei: ${count(turns.fullFile.conversationsFinished)}) · Fehler im Log des Bots: ${turns.loggedErrors} · Systemlast vorher ${loadBefore.turns}${turns.timedOut ? ' · ZEITLIMIT erreicht' : ''}`,
    ],
  );
}

if (runs('gespraech')) {
  loadBefore.gespraech = load();
  const long = await benchLongConversation();
  results.longConversation = long;
  const row = (name: string, bot: typeof long.full) => [
    name,
    msText(bot.earlyMs, 2),
    msText(bot.lateMs, 2),
    times(bot.lateToEarly),
    String(bot.failed),
  ];
  printTable(
    `Ein langes Gespräch (${long.turns} Nachrichten nacheinander in einer Unterhaltung, Median aus ${long.repeats} Gesprächen)`,
    ['Bot', 'Median Nachricht 1–50', 'Median Nachricht 151–200', 'spät/früh', 'Fehler'],
    [row('Förderlotse (createApp, MemoryStorage)', long.full), row('Basis: Dialog-Echo', long.dialogs)],
    [
      `Förderlotse spät/früh im Verhältnis zur Basis: ${times(long.driftRatio)} · Ziel ≤ ${times(long.targetDrift)}, keine Fehler: ${reached(long.targetMet)} · Systemlast vorher ${loadBefore.gespraech}`,
    ],
  );
}

if (runs('suche')) {
  loadBefore.suche = load();
  const search = await benchComposeSearch();
  results.composeSearch = search;
  printTable(
    `Suche von überall in Teams über HTTP (composeExtension/query, ${search.searches} Suchen, 4 gleichzeitig; Basis: Echo-Bot-Turns im Wechsel)`,
    ['Messung', 'Median', 'p99', 'Fehler'],
    [
      ['Förderlotse: Suche', msText(search.search.medianMs, 1), msText(search.search.p99Ms, 1), String(search.failed)],
      ['Basis: Echo-Bot-Turn', msText(search.echo.medianMs, 1), msText(search.echo.p99Ms, 1), '–'],
    ],
    [
      `Verhältnis zur Basis: Median ${times(search.p50Ratio)}, p99 ${times(search.p99Ratio)} · Ziel p99 ≤ ${search.targetP99Ms} ms (Teams erlaubt 5 s), keine Fehler: ${reached(search.targetMet)}`,
    ],
  );
}

if (runs('startup')) {
  loadBefore.startup = load();
  const startup = await benchStartup();
  results.startup = startup;
  const row = (name: string, samples: number[], medianMs: number) => [
    name,
    msText(medianMs, 0),
    msText(Math.min(...samples), 0),
    msText(Math.max(...samples), 0),
  ];
  printTable(
    `Start bis /healthz bereit (${count(startup.programmes)} erzeugte Programme; Median aus ${startup.repeats} Starts, abwechselnd)`,
    ['Prozess', 'Median', 'Min', 'Max'],
    [
      row('Förderlotse (node dist/src/index.js)', startup.samplesMs.bot, startup.medianMs.bot),
      row('Basis: Echo-Bot (restify + CloudAdapter)', startup.samplesMs.echo, startup.medianMs.echo),
      row('zum Vergleich: Dialog-Echo (+ botbuilder-dialogs)', startup.samplesMs.dialogs, startup.medianMs.dialogs),
      row('zum Vergleich: node:http ohne Module', startup.samplesMs.bare, startup.medianMs.bare),
    ],
    [
      `Verhältnis Förderlotse/Basis ${times(startup.ratio)} · Ziel ≤ 1,5×: ${reached(startup.target.met)} · Förderlotse/Dialog-Echo ${times(startup.ratioToDialogs)} · Systemlast vorher ${loadBefore.startup}`,
    ],
  );
}

if (runs('memory')) {
  loadBefore.memory = load();
  const memory = await benchMemory();
  results.memory = memory;
  const growth = memory.growth20kTo50k;
  printTable(
    `Speicher mit Dateispeicher (${count(memory.turns)} Turns in ${count(memory.conversations)} Unterhaltungen, ${memory.concurrency} gleichzeitig; RSS aus /proc/PID/status)`,
    ['Turns', 'Unterhaltungen', 'RSS', 'RSS nach GC', 'Heap nach GC', 'Dauer'],
    memory.checkpoints.map((point) => [
      count(point.turns),
      count(point.conversations),
      mbText(point.rssBytes),
      mbText(point.rssAfterGcBytes),
      mbText(point.heapUsedAfterGcBytes),
      point.turns === 0 ? 'Start' : seconds(point.batchSeconds),
    ]),
    [
      `Zuwachs 20.000 → 50.000 Turns nach vollständiger GC: RSS ${mbText(growth.rssAfterGcBytes)} (${percent(growth.rssAfterGcShare)}), Heap ${mbText(growth.heapUsedAfterGcBytes)} (${percent(growth.heapShare)}) · Ziel flach (beide ≤ +${memory.target.maxGrowthShare * 100} %): ${reached(memory.target.met)}`,
      `RSS ohne GC (hängt davon ab, wann V8 zuletzt aufgeräumt hat): ${mbText(growth.rssBytes)} (${percent(growth.rssShare)})`,
      `Dauer ${seconds(memory.durationSeconds)}, ${count(memory.turnsPerSecond)} Turns/s, p50 ${msText(memory.latency.medianMs, 1)}, p99 ${msText(memory.latency.p99Ms, 1)}, Fehler ${memory.failed} · Zustandsdateien: ${count(memory.stateFiles.count)} (${mbText(memory.stateFiles.bytes)}) · Systemlast vorher ${loadBefore.memory}${memory.timedOut ? ' · ZEITLIMIT erreicht' : ''}`,
    ],
  );
}

results.loadBefore = loadBefore;
results.durationSeconds = (performance.now() - started) / 1000;
mkdirSync('bench', { recursive: true });
writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nbench/results.json geschrieben (Dauer ${seconds((performance.now() - started) / 1000)}).`);
