import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/domain/dates.js';
import { validateProgrammes } from '../../src/domain/programme.js';
import { Notifier } from '../../src/notifications/notifier.js';
import { createStorage } from '../../src/storage/createStorage.js';
import { FollowUpStore } from '../../src/storage/followUpStore.js';
import { texts } from '../../src/texts/chat.js';
import { type Azurite, startAzurite } from '../support/azurite.js';
import { type BotProcess, PINO_WARN, fixtureProgrammesForToday, startBotProcess } from '../support/botProcess.js';
import { EmulatorClient } from '../support/emulatorClient.js';
import { FakeConnector } from '../support/fakeConnector.js';
import { type ReplyActivity, SharedConversation, cardTitles } from '../support/sharedConversation.js';

const CONFLICT_WARNING = 'state changed by another turn meanwhile';
const USERS = 100;
const WATCHED = 'sprachkurs-frauen';
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
/** What the bot may ask when it waits for the user: one of the three questions or what to do with the results. */
const QUESTIONS = [texts.ask.needs, texts.ask.targetGroups, texts.ask.size, texts.nextPrompt];

const lastText = (replies: ReplyActivity[]) => replies.at(-1)?.text ?? '';
const isQuestion = (text: string) => QUESTIONS.some((question) => text.includes(question));

describe('two bot processes sharing their state in Azure Blob Storage (Azurite)', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  let azurite: Azurite;
  let connector: FakeConnector;
  let container: string;
  let programmesFile: string;
  let bots: [BotProcess, BotProcess];

  beforeAll(async () => {
    const directory = mkdtempSync(join(tmpdir(), 'multi-instance-'));
    cleanups.push(async () => rmSync(directory, { recursive: true, force: true }));
    azurite = await startAzurite();
    cleanups.push(() => azurite.stop());
    connector = await FakeConnector.start();
    cleanups.push(() => connector.close());

    container = `multi-instance-${randomUUID()}`;
    programmesFile = fixtureProgrammesForToday(directory);
    const settings = {
      STATE_STORAGE: 'blob',
      AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
      STATE_CONTAINER: container,
      PROGRAMMES_FILE: programmesFile,
    };
    const started = await Promise.allSettled([startBotProcess(settings), startBotProcess(settings)]);
    for (const result of started) if (result.status === 'fulfilled') cleanups.push(() => result.value.stop());
    const failed = started.find((result) => result.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
    bots = started.map((result) => (result as PromiseFulfilledResult<BotProcess>).value) as [BotProcess, BotProcess];
  }, 45_000);

  afterAll(async () => {
    // Bot processes first, Azurite and the folder last; every step runs even if one fails.
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  });

  it('continue one conversation whose turns alternate between them, ending with the right Adaptive Card carousel', async () => {
    const [one, two] = bots;
    const conversation = new SharedConversation(connector);

    expect(lastText(await conversation.say(one.url, 'Hallo'))).toContain(texts.ask.needs);
    expect(lastText(await conversation.say(two.url, 'Sprache'))).toContain(texts.ask.targetGroups);
    expect(lastText(await conversation.say(one.url, 'Frauen & Familien'))).toContain(texts.ask.size);

    const results = await conversation.say(two.url, '8.000');
    const carousel = results.find((activity) => activity.attachmentLayout === 'carousel');
    expect(carousel?.text).toContain('Ich suche nach: Sprache · Frauen & Familien · Gemeinde mit 8.000 Einwohnern');
    expect(carousel?.attachments?.every((attachment) => attachment.contentType === 'application/vnd.microsoft.card.adaptive')).toBe(true);
    // The programme cards, best first; the first page of a search ends with the feedback card.
    expect(cardTitles(carousel)).toEqual([
      'Sprachkurse für Frauen mit Kinderbetreuung',
      'Sprachcafés im Ehrenamt',
      'War diese Suche hilfreich?',
    ]);
    expect(lastText(results)).toContain(texts.nextPrompt);

    // The state the two processes shared is the blob in the configured container.
    const stored = await new BlobsStorage(azurite.connectionString, container).read([
      `emulator/conversations/${conversation.conversationId}/users/user-1/`,
    ]);
    expect(Object.values(stored)[0]).toMatchObject({ searchState: expect.anything(), dialogState: expect.anything() });
  });

  it('answer every message of a burst sent to both at once exactly once, and leave a state the conversation goes on from', async ({
    annotate,
  }) => {
    const [one, two] = bots;
    const conversation = new SharedConversation(connector);
    expect(lastText(await conversation.say(one.url, 'Hallo'))).toContain(texts.ask.needs);
    const logLengthBefore = bots.map((bot) => bot.log().length);
    const repliesBefore = connector.replies.length;

    const burst = ['Sprache', 'Frauen & Familien', '8.000', 'hilfe', 'Wohnen', 'Geflüchtete', 'Kreis', 'zurück', 'Jugendliche', '45.000'];
    const started = performance.now();
    const answers = await Promise.all(burst.map((text, index) => conversation.post((index % 2 === 0 ? one : two).url, text)));
    const burstMs = Math.round(performance.now() - started);

    expect(answers.map((answer) => answer.status)).toEqual(burst.map(() => 200));
    const sentIds = new Set(answers.map((answer) => answer.id));
    for (const [index, { id }] of answers.entries()) {
      const replies = conversation.repliesTo(id);
      expect(replies.length, `replies to "${burst[index]}"`).toBeGreaterThan(0);
      // A turn that ran again on fresh state must not have sent the replies of its stale run too.
      const contents = replies.map((reply) =>
        JSON.stringify({ text: reply.text, attachments: reply.attachments, actions: reply.suggestedActions }),
      );
      expect(new Set(contents).size, `duplicated reply to "${burst[index]}"`).toBe(contents.length);
      expect(replies.map((reply) => reply.text)).not.toContain(texts.turnError);
    }
    // Nothing else reached the user during the burst: every reply answers one of its messages.
    const burstReplies = connector.replies.slice(repliesBefore).filter((reply) => reply.conversationId === conversation.conversationId);
    expect(burstReplies.filter((reply) => !sentIds.has(reply.replyToId ?? ''))).toEqual([]);

    // Whatever order the turns took, the stored state is a question the bot can ask again …
    const help = await conversation.say(two.url, 'hilfe');
    expect(isQuestion(lastText(help)), `after the burst, "hilfe" got: ${lastText(help)}`).toBe(true);
    // … and a new search from there runs to the results, still across both processes.
    expect(lastText(await conversation.say(one.url, 'neue Suche'))).toContain(texts.ask.needs);
    expect(lastText(await conversation.say(two.url, 'Sprache'))).toContain(texts.ask.targetGroups);
    expect(lastText(await conversation.say(one.url, 'Frauen & Familien'))).toContain(texts.ask.size);
    const results = await conversation.say(two.url, '8.000');
    expect(cardTitles(results.find((activity) => activity.attachmentLayout === 'carousel'))[0]).toBe(
      'Sprachkurse für Frauen mit Kinderbetreuung',
    );

    const newLog = bots.flatMap((bot, index) => bot.log().slice(logLengthBefore[index]));
    expect(
      newLog.filter((entry) => entry.level > PINO_WARN),
      'errors logged by the bot processes',
    ).toEqual([]);
    const conflicts = newLog.filter((entry) => entry.level === PINO_WARN && entry.msg.startsWith(CONFLICT_WARNING));
    const repeats = burstReplies.filter((reply) => reply.activity.text === texts.pleaseRepeat).length;
    await annotate(
      `burst of ${burst.length} turns in ${burstMs} ms: ${conflicts.length} eTag conflicts logged (turn re-run), ${repeats} messages answered with "please repeat"`,
      'observation',
    );
  });

  it(`list every one of ${USERS} users who tap „Merken“ at the same moment, and plan a reminder for each`, async () => {
    const users = Array.from({ length: USERS }, (_, index) => `kommune-${index}`);
    const replies = await Promise.all(
      users.map((userId, index) =>
        new EmulatorClient(bots[index % 2].url, connector, { userId }).submit({ action: 'watch', programmeId: WATCHED }),
      ),
    );
    for (const [index, reply] of replies.entries())
      expect(reply.map((activity) => activity.text).join('\n'), `reply to ${users[index]}`).toContain('Gemerkt');

    const opened = await createStorage(
      { STATE_STORAGE: 'blob', STATE_DIR: '.state', AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString, STATE_CONTAINER: container },
      { role: 'reader' },
    );
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
    const notifier = new Notifier({
      store,
      programmes: () => programmes,
      today: () => remindOn,
      reminderDays: [14, 3],
      send: () => Promise.reject(new Error('the test sends nothing')),
      logger: silent,
    });
    const plan = await notifier.plan();
    expect(plan.unreadable).toEqual([]);
    expect(
      plan.planned
        .filter((planned) => planned.notification.kind === 'deadline')
        .map((planned) => planned.user)
        .sort(),
    ).toEqual(expected);
  }, 60_000);
});
