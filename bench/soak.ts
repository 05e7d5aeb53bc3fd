import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { createApp } from '../src/app.js';
import { ConfigSchema } from '../src/config.js';
import { ListableMemoryStorage } from '../src/storage/listableStorage.js';
import { FakeConnector } from '../test/support/fakeConnector.js';
import { soak } from '../test/support/soak.js';
import { TODAY, fixtureProgrammes, recordingLogger } from '../test/support/testBot.js';

/**
 * `npm run soak`: many concurrent conversations against the real server on 127.0.0.1 for a few
 * minutes (bounded in time and count), then turns, errors, lost and mixed-up answers, p99 and memory.
 */
const { values } = parseArgs({ options: { minutes: { type: 'string', default: '3' }, conversations: { type: 'string', default: '100' } } });
const minutes = Math.min(30, Math.max(0.1, Number(values.minutes)));
const conversations = Math.min(1000, Math.max(1, Number(values.conversations)));

const connector = await FakeConnector.start();
const programmes = fixtureProgrammes();
const { server, demand } = createApp({
  config: ConfigSchema.parse({}),
  programmes: () => programmes,
  storage: new ListableMemoryStorage(),
  logger: recordingLogger(),
  today: () => TODAY,
  floodLimit: { burst: 1_000_000, perSecond: 1_000_000 },
});
demand.start();
server.listen(0, '127.0.0.1');
await once(server, 'listening');
const botUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const rssBefore = process.memoryUsage().rss;
console.log(`Soak: ${conversations} Gespräche, ${minutes} Minuten, nur 127.0.0.1 …`);
const report = await soak({ botUrl, connector, conversations, rounds: 1_000_000, until: Date.now() + minutes * 60_000 });
// The fake connector keeps every reply; let go of them before measuring the bot's own memory.
connector.replies.length = 0;
const rssAfter = process.memoryUsage().rss;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
console.log(
  `  Turns: ${report.turns} in ${(report.durationMs / 1000).toFixed(1)} s (${(report.turns / (report.durationMs / 1000)).toFixed(0)}/s)`,
);
console.log(`  Fehler: ${report.errors} · verloren: ${report.lost} · vertauscht: ${report.mixedUp}`);
console.log(`  Antwortzeit: p50 ${report.p50Ms.toFixed(1)} ms, p99 ${report.p99Ms.toFixed(1)} ms`);
console.log(`  Speicher (RSS, Bot und Last im selben Prozess): ${mb(rssBefore)} → ${mb(rssAfter)}`);

await connector.close();
server.close();
await demand.close();
process.exitCode = report.errors + report.lost + report.mixedUp === 0 ? 0 : 1;
