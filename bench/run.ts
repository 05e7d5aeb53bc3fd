import { mkdirSync, writeFileSync } from 'node:fs';
import { benchRecognizer } from './recognizer.js';

/** `npm run bench`: each measurement next to a baseline from the same run, as a table and bench/results.json. */
const ms = (value: number) => `${value.toFixed(3)} ms`;

const recognizer = benchRecognizer();
console.log(`Erkennung (${recognizer.messages} Nachrichten, je ${recognizer.recognizer.samples / recognizer.messages}×)`);
console.log(`  ${'Messung'.padEnd(30)} ${'Median'.padStart(10)} ${'p99'.padStart(10)}`);
console.log(`  ${'recognize()'.padEnd(30)} ${ms(recognizer.recognizer.medianMs).padStart(10)} ${ms(recognizer.recognizer.p99Ms).padStart(10)}`);
console.log(`  ${'recognize(), erster Durchlauf'.padEnd(30)} ${ms(recognizer.cold.medianMs).padStart(10)} ${ms(recognizer.cold.p99Ms).padStart(10)}`);
console.log(`  ${'Basis: readTokens()'.padEnd(30)} ${ms(recognizer.baseline.medianMs).padStart(10)} ${ms(recognizer.baseline.p99Ms).padStart(10)}`);
console.log(`  Verhältnis zur Basis: Median ${recognizer.p50Ratio.toFixed(1)}×, p99 ${recognizer.p99Ratio.toFixed(1)}× · Ziel p99 < 0,5 ms: ${Math.max(recognizer.recognizer.p99Ms, recognizer.cold.p99Ms) < 0.5 ? 'erreicht' : 'verfehlt'}`);

mkdirSync('bench', { recursive: true });
writeFileSync('bench/results.json', `${JSON.stringify({ date: new Date().toISOString(), node: process.version, recognizer }, null, 2)}\n`);
console.log('\nbench/results.json geschrieben.');
