import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemandEvent } from '../../src/domain/demand.js';
import { emptyFollowUps, watch } from '../../src/domain/followUps.js';
import type { Programme } from '../../src/domain/programme.js';
import { FollowUpStore } from '../../src/storage/followUpStore.js';
import { ListableMemoryStorage } from '../../src/storage/listableStorage.js';
import { EmulatorClient } from '../support/emulatorClient.js';
import { FakeConnector, type RecordedReply } from '../support/fakeConnector.js';
import { programme } from '../support/programmeBuilder.js';
import { TODAY, type TestBot, fixtureProgrammes, startTestBot, useBotWithConnector } from '../support/testBot.js';
import { followUpTexts, texts } from '../../src/texts/chat.js';

type Activity = RecordedReply['activity'];
type CardAction = { type: string; title: string; data?: Record<string, unknown> };
type Card = { body: { type: string; inlines?: { text: string }[]; text?: string }[]; actions: CardAction[] };

const cardsOf = (activity: Activity | undefined) => (activity?.attachments ?? []).map((attachment) => attachment.content as Card);
const titleOf = (card: Card) => card.body[0]?.inlines?.[0]?.text ?? card.body[0]?.text;
const action = (card: Card | undefined, title: string) => card?.actions.find((candidate) => candidate.title === title);
const textOf = (replies: Activity[]) => replies.map((reply) => reply.text ?? '').join('\n');

/** Runs the notifier and returns what reached the connector meanwhile. */
async function notified(bot: TestBot, connector: FakeConnector) {
  const before = connector.replies.length;
  const run = await bot.notifier.run();
  return { run, sent: connector.replies.slice(before) };
}

describe('watchlist, saved search, feedback and notifications in one conversation', () => {
  let connector: FakeConnector;
  let bot: TestBot;
  let today = TODAY;
  let catalogue: Programme[] = fixtureProgrammes();

  beforeAll(async () => {
    connector = await FakeConnector.start();
    // The user here clicks faster than people do; the flood limit has tests of its own.
    bot = await startTestBot({ today: () => today, programmes: () => catalogue, floodLimit: { burst: 100, perSecond: 100 } });
  });
  afterAll(async () => {
    await bot.close();
    await connector.close();
  });

  it('keeps a programme, a search and a rating, sends each reminder once, and never records who', async () => {
    const user = new EmulatorClient(bot.url, connector, { userId: 'kommune-lippe-1' });
    const results = await user.say('Sprachkurse für Frauen, Gemeinde mit 8.000 Einwohnern');
    const carousel = results.find((reply) => reply.attachmentLayout === 'carousel');
    const [first] = cardsOf(carousel);
    expect(titleOf(first as Card)).toBe('Sprachkurse für Frauen mit Kinderbetreuung');
    expect(results.at(-1)?.suggestedActions?.actions.map((choice) => choice.title)).toContain('Suche speichern');

    // "Merken" on the card: 12 days before the deadline, the next reminder is the 3-day one.
    const kept = await user.submit(action(first, 'Merken')?.data);
    expect(textOf(kept)).toContain('Gemerkt: „Sprachkurse für Frauen mit Kinderbetreuung“');
    expect(textOf(kept)).toContain('3 Tage vorher');
    expect(textOf(await user.submit(action(first, 'Merken')?.data))).toContain('steht schon auf Ihrer Merkliste');

    const list = await user.say('Merkliste');
    const listed = cardsOf(list.find((reply) => reply.attachmentLayout === 'carousel'));
    expect(listed.map(titleOf)).toEqual(['Sprachkurse für Frauen mit Kinderbetreuung']);
    expect(action(listed[0], 'Entfernen')?.data).toEqual({ action: 'unwatch', programmeId: 'sprachkurs-frauen' });
    expect(textOf(list)).toContain('Benachrichtigungen: an');

    expect(textOf(await user.say('Suche speichern'))).toContain('Suche gespeichert: Sprache · Frauen & Familien');

    // The search waited at its question meanwhile.
    expect(textOf(await user.say('Zielgruppe ändern'))).toContain('Für welche Zielgruppe');

    const feedback = cardsOf(carousel).at(-1);
    expect(textOf(await user.submit({ ...action(feedback, '👎 Nein')?.data, comment: '  Es fehlt ein Programm für Kitas.  ' }))).toContain(
      'Danke',
    );
    // A second tap on the same card, a vote for a search never shown, or one without an id: thanked, not counted.
    expect(textOf(await user.submit(action(feedback, '👍 Ja')?.data))).toContain('Danke');
    expect(
      textOf(
        await user.submit({
          action: 'feedback',
          helpful: false,
          searchId: 'erfunden',
          search: { needs: ['wohnen'], targetGroups: [], sizeClass: null },
        }),
      ),
    ).toContain('Danke');
    expect(textOf(await user.submit({ action: 'feedback', helpful: false }))).toContain('Danke');

    await bot.demand.flush();
    const { events } = await bot.demand.read(TODAY, TODAY);
    expect(events.filter((event) => event.kind === 'feedback')).toHaveLength(1);
    expect(events).toContainEqual<DemandEvent>({
      kind: 'search',
      date: TODAY,
      needs: ['sprache'],
      targetGroups: ['frauen_familien'],
      sizeClass: 'klein',
      openHits: 2,
    });
    expect(events).toContainEqual<DemandEvent>({ kind: 'watch', date: TODAY, programmeId: 'sprachkurs-frauen' });
    expect(events).toContainEqual<DemandEvent>({
      kind: 'feedback',
      date: TODAY,
      helpful: false,
      comment: 'Es fehlt ein Programm für Kitas.',
      needs: ['sprache'],
      targetGroups: ['frauen_familien'],
      sizeClass: 'klein',
    });
    const stored = JSON.stringify(events);
    expect(stored).not.toContain('kommune-lippe-1');
    expect(stored).not.toContain(user.conversationId);
    expect(stored).not.toContain('8.000');

    // Three days before the deadline: one reminder with the card, and only one.
    today = '2026-12-05';
    const reminders = await notified(bot, connector);
    expect(reminders.run).toMatchObject({ sent: 1, failed: 0 });
    const [reminder] = reminders.sent;
    expect(reminder?.conversationId).toBe(user.conversationId);
    // A new message in the conversation, not a reply to the click that put the programme on the list.
    expect(reminder?.replyToId).toBeUndefined();
    expect(reminder?.activity.text).toContain(
      'Erinnerung: Die Frist für „Sprachkurse für Frauen mit Kinderbetreuung“ endet in 3 Tagen (08.12.2026)',
    );
    expect(reminder?.activity.text).toContain('Benachrichtigungen aus');
    expect(titleOf(cardsOf(reminder?.activity)[0] as Card)).toBe('Sprachkurse für Frauen mit Kinderbetreuung');
    expect((await notified(bot, connector)).sent).toEqual([]);

    // A new programme for the saved search: silent while notifications are off, announced once they are on.
    expect(textOf(await user.say('Benachrichtigungen aus'))).toContain('Benachrichtigungen sind aus');
    catalogue = [
      ...catalogue,
      programme({ id: 'kita-sprache', title: 'Sprachförderung in Kitas', needs: ['sprache'], targetGroups: ['frauen_familien'] }),
    ];
    expect(await bot.notifier.run()).toMatchObject({ sent: 0 });
    await user.say('Benachrichtigungen an');
    const announced = await notified(bot, connector);
    expect(announced.sent).toHaveLength(1);
    expect(announced.sent[0]?.activity.text).toContain('Neu zu Ihrer gespeicherten Suche (Sprache · Frauen & Familien');
    expect(titleOf(cardsOf(announced.sent[0]?.activity)[0] as Card)).toBe('Sprachförderung in Kitas');

    const removed = await user.submit(action(listed[0], 'Entfernen')?.data);
    expect(textOf(removed)).toContain('ist nicht mehr auf Ihrer Merkliste');
    expect(textOf(await user.say('Merkliste'))).toContain('Ihre Merkliste ist leer');

    // Deleting asks first; "nein" keeps everything, anything but a clear answer drops the question.
    const asked = await user.say('Meine Daten löschen');
    expect(JSON.stringify(asked)).toContain('wirklich gelöscht werden?');
    expect(textOf(await user.say('nein'))).toContain('nichts gelöscht');
    await user.say('Meine Daten löschen');
    expect(textOf(await user.say('Merkliste'))).toContain('Ihre Merkliste ist leer');
    expect(textOf(await user.say('ja'))).not.toContain('Gelöscht');

    // Everything kept for the user goes, and nothing is sent to them any more.
    await user.say('Meine Daten löschen');
    expect(textOf(await user.say('Ja'))).toContain('Gelöscht: Ihre Merkliste, Ihre gespeicherten Suchen');
    catalogue = [
      ...catalogue,
      programme({
        id: 'kita-sprache-2',
        title: 'Sprachförderung in Kitas, zweite Runde',
        needs: ['sprache'],
        targetGroups: ['frauen_familien'],
      }),
    ];
    expect((await notified(bot, connector)).sent).toEqual([]);
    await user.say('Meine Daten löschen');
    expect(textOf(await user.say('ja'))).toContain('keine Merkliste');
  });

  it('answers a button for a programme that is no longer in the data, and forged button values, without a crash', async () => {
    const user = new EmulatorClient(bot.url, connector, { userId: 'kommune-2' });
    expect(textOf(await user.submit({ action: 'watch', programmeId: 'gibt-es-nicht' }))).toContain(
      'gibt es in den aktuellen Daten nicht mehr',
    );
    expect(textOf(await user.submit({ action: 'removeSearch', searchId: 'unbekannt' }))).toContain('nicht mehr gespeichert');
    expect(textOf(await user.say('Suche speichern'))).toContain('noch keine Suche');
    // Not a follow-up button: the search reads it as a message.
    expect(textOf(await user.submit({ action: 'watch', programmeId: 42 }))).toContain('Wofür suchen Sie Förderung?');
  });
});

/** Credentials as the Bot Connector would accept them, without a call to Microsoft Entra ID. */
const TEST_TOKEN = 'test-token-for-the-fake-connector';
const testCredentials = {
  isValidAppId: async (appId: string) => appId === 'app-id-123',
  isAuthenticationDisabled: async () => false,
  createCredentials: async () => ({
    signRequest: async <T extends { headers: { set(name: string, value: string): void } }>(request: T) => {
      request.headers.set('authorization', `Bearer ${TEST_TOKEN}`);
      return request;
    },
  }),
};

describe('proactive notifications with an app id configured', () => {
  const conversationId = 'a:personal-chat-1';
  let connector: FakeConnector;
  let storage: ListableMemoryStorage;
  let bots: TestBot[];

  beforeAll(async () => {
    connector = await FakeConnector.start();
    storage = new ListableMemoryStorage();
    const options = {
      env: { MicrosoftAppId: 'app-id-123', MicrosoftAppPassword: 'not-used-here' },
      credentials: testCredentials,
      storage,
      today: () => '2026-12-05',
    };
    // Two instances behind one Azure Bot, sharing the state storage.
    bots = [await startTestBot(options), await startTestBot(options)];
    const watched = fixtureProgrammes().find((candidate) => candidate.id === 'sprachkurs-frauen') as Programme;
    await new FollowUpStore(storage).update('msteams/29:user-1', () => ({
      record: watch(emptyFollowUps(), watched, TODAY, [14, 3]).record,
      reference: {
        channelId: 'msteams',
        serviceUrl: connector.url,
        conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
        bot: { id: '28:app-id-123', name: 'Förderlotse NRW' },
        user: { id: '29:user-1', name: 'Sachbearbeitung' },
      },
    }));
  });
  afterAll(async () => {
    await Promise.all(bots.map((bot) => bot.close()));
    await connector.close();
  });

  it('sends through continueConversationAsync with the bot token, once across two instances, and again after a failed send', async () => {
    connector.refuseNext({ status: 400 });
    const attempts = connector.attempts;
    expect(await bots[0]?.notifier.run()).toMatchObject({ sent: 0, failed: 1 });
    expect(connector.attempts - attempts).toBe(1);
    expect(connector.replies).toHaveLength(0);

    const runs = await Promise.all(bots.map((bot) => bot.notifier.run()));
    expect(runs.reduce((sum, run) => sum + run.sent, 0)).toBe(1);
    expect(connector.replies).toHaveLength(1);
    const [sent] = connector.replies;
    expect(sent?.conversationId).toBe(conversationId);
    expect(sent?.authorization).toBe(`Bearer ${TEST_TOKEN}`);
    expect(sent?.activity.text).toContain('endet in 3 Tagen');

    await Promise.all(bots.map((bot) => bot.notifier.run()));
    expect(connector.replies).toHaveLength(1);
  });

  it('stops writing to a conversation the bot was removed from (403) until the user writes again', async () => {
    const store = new FollowUpStore(storage);
    const ended = fixtureProgrammes().find((candidate) => candidate.id === 'einwanderung-gestalten') as Programme;
    await store.update('msteams/29:user-2', () => ({
      record: { ...emptyFollowUps(), watchlist: [{ programmeId: ended.id, addedOn: TODAY }] },
      reference: {
        channelId: 'msteams',
        serviceUrl: connector.url,
        conversation: { id: 'a:removed', isGroup: false, conversationType: 'personal', name: '' },
      },
    }));
    connector.refuseNext({ status: 403 });
    expect(await bots[0]?.notifier.run()).toMatchObject({ sent: 0, failed: 1 });
    expect((await store.read('msteams/29:user-2'))?.reference).toBeUndefined();
    const before = connector.attempts;
    expect(await bots[0]?.notifier.run()).toMatchObject({ sent: 0, failed: 0 });
    expect(connector.attempts).toBe(before);
  });
});

describe('after a side step the user is back where they were', () => {
  const running = useBotWithConnector();
  const NEXT = ['Handlungsfeld ändern', 'Zielgruppe ändern', 'Kommune ändern', 'Suche speichern', 'Neue Suche'];
  const buttonsOf = (reply: Activity | undefined) => reply?.suggestedActions?.actions.map((choice) => choice.title);

  it('„Merken“, „Merkliste“, „Suche speichern“ and a rating bring back the results’ question with its buttons', async () => {
    const user = new EmulatorClient(running.bot.url, running.connector);
    const results = await user.say('Sprachkurse für Frauen, Gemeinde mit 8.000 Einwohnern');
    expect(buttonsOf(results.at(-1))).toEqual(NEXT);
    const cards = cardsOf(results.find((reply) => reply.attachmentLayout === 'carousel'));

    const kept = await user.submit(action(cards[0], 'Merken')?.data);
    expect(kept.map((reply) => reply.text)).toEqual([expect.stringContaining('Gemerkt:'), texts.nextPrompt]);
    expect(buttonsOf(kept.at(-1))).toEqual(NEXT);

    const list = await user.say('Merkliste');
    expect(list.at(-1)?.text).toBe(texts.nextPrompt);
    expect(buttonsOf(list.at(-1))).toEqual(NEXT);

    const saved = await user.say('Suche speichern');
    expect(saved.map((reply) => reply.text)).toEqual([expect.stringContaining('Suche gespeichert:'), texts.nextPrompt]);

    const rated = await user.submit(action(cards.at(-1), '👍 Ja')?.data);
    expect(rated.map((reply) => reply.text)).toEqual([expect.stringContaining('Danke für Ihre Rückmeldung'), texts.nextPrompt]);

    // And the buttons still work: the search was waiting at its question.
    expect((await user.say('Zielgruppe ändern')).at(-1)?.text).toContain(texts.ask.targetGroups);
  });

  it('at a question, a side step brings the question back; „Meine Daten löschen“ asks its own first', async () => {
    const user = new EmulatorClient(running.bot.url, running.connector);
    await user.say('Sprachkurse für Geflüchtete');
    const list = await user.say('Merkliste');
    expect(list.at(-1)?.text).toBe(texts.ask.size);
    expect(buttonsOf(list.at(-1))).toContain('Kreis');

    const asked = await user.say('Meine Daten löschen');
    expect(asked.map((reply) => reply.text)).toEqual([followUpTexts.forgetConfirm]);
    const declined = await user.say('nein');
    expect(declined.map((reply) => reply.text)).toEqual([followUpTexts.forgetDeclined, texts.ask.size]);

    await user.say('Meine Daten löschen');
    // Deleted means deleted: no question of the search it just forgot.
    expect((await user.say('ja')).map((reply) => reply.text)).toEqual([followUpTexts.forgotten]);
  });

  it('with no search running, a side step asks nothing', async () => {
    const user = new EmulatorClient(running.bot.url, running.connector);
    expect((await user.say('Merkliste')).map((reply) => reply.text)).toEqual([
      followUpTexts.watchlistEmpty,
      expect.stringContaining('Benachrichtigungen'),
    ]);
  });
});
