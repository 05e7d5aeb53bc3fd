import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/domain/dates.js';
import { validateProgrammes } from '../../src/domain/programme.js';
import { Notifier } from '../../src/notifier.js';
import { createStorage } from '../../src/storage/createStorage.js';
import { FollowUpStore } from '../../src/storage/followUpStore.js';
import { type Azurite, startAzurite } from '../support/azurite.js';
import { type BotProcess, fixtureProgrammesForToday, startBotProcess } from '../support/botProcess.js';
import { EmulatorClient } from '../support/emulatorClient.js';
import { FakeConnector } from '../support/fakeConnector.js';

const USERS = 100;
const WATCHED = 'sprachkurs-frauen';
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('follow-ups saved through two bot processes sharing Azure Blob Storage (Azurite)', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  let azurite: Azurite;
  let connector: FakeConnector;
  let container: string;
  let programmesFile: string;
  let bots: [BotProcess, BotProcess];

  beforeAll(async () => {
    const directory = mkdtempSync(join(tmpdir(), 'follow-ups-instances-'));
    cleanups.push(async () => rmSync(directory, { recursive: true, force: true }));
    azurite = await startAzurite();
    cleanups.push(() => azurite.stop());
    connector = await FakeConnector.start();
    cleanups.push(() => connector.close());

    container = `follow-ups-${randomUUID()}`;
    programmesFile = fixtureProgrammesForToday(directory);
    // No notification runs of their own: the test plans them itself, on a later day.
    const settings = { STATE_STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString, STATE_CONTAINER: container, PROGRAMMES_FILE: programmesFile, NOTIFY_INTERVAL_MINUTES: '0' };
    const started = await Promise.allSettled([startBotProcess(settings), startBotProcess(settings)]);
    for (const result of started) if (result.status === 'fulfilled') cleanups.push(() => result.value.stop());
    const failed = started.find((result) => result.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
    bots = started.map((result) => (result as PromiseFulfilledResult<BotProcess>).value) as [BotProcess, BotProcess];
  }, 45_000);

  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  });

  it(`list every one of ${USERS} users who tap „Merken“ at the same moment, and plan a reminder for each`, async () => {
    const users = Array.from({ length: USERS }, (_, index) => `kommune-${index}`);
    const replies = await Promise.all(users.map((userId, index) => new EmulatorClient(bots[index % 2].url, connector, { userId }).submit({ action: 'watch', programmeId: WATCHED })));
    for (const [index, reply] of replies.entries()) expect(reply.map((activity) => activity.text).join('\n'), `reply to ${users[index]}`).toContain('Gemerkt');

    const opened = await createStorage({ STATE_STORAGE: 'blob', STATE_DIR: '.state', AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString, STATE_CONTAINER: container }, { role: 'reader' });
    if (!opened.ok) throw new Error(opened.problem);
    const store = new FollowUpStore(opened.storage);
    const expected = users.map((userId) => `emulator/${userId}`).sort();
    expect((await store.users()).sort()).toEqual(expected);

    // Three days before the deadline every one of them is due the reminder "Merken" promised.
    const validated = validateProgrammes(JSON.parse(readFileSync(programmesFile, 'utf8')), programmesFile);
    if (!validated.ok) throw new Error('fixture invalid');
    const { programmes } = validated;
    const deadline = programmes.find((programme) => programme.id === WATCHED)?.deadline;
    if (deadline?.kind !== 'stichtag') throw new Error(`${WATCHED} has no stichtag`);
    const remindOn = new Date((dayNumber(deadline.date) - 3) * 86_400_000).toISOString().slice(0, 10);
    const notifier = new Notifier({ store, programmes: () => programmes, today: () => remindOn, reminderDays: [14, 3], send: () => Promise.reject(new Error('the test sends nothing')), logger: silent });
    const plan = await notifier.plan();
    expect(plan.unreadable).toEqual([]);
    expect(plan.planned.filter((planned) => planned.notification.kind === 'deadline').map((planned) => planned.user).sort()).toEqual(expected);
  }, 60_000);
});
