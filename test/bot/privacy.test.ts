import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListableMemoryStorage } from '../../src/storage/listableStorage.js';
import { EmulatorClient } from '../support/emulatorClient.js';
import { FakeConnector } from '../support/fakeConnector.js';
import { type TestBot, startTestBot } from '../support/testBot.js';

let connector: FakeConnector;
let storage: ListableMemoryStorage;
let bot: TestBot;
beforeAll(async () => {
  connector = await FakeConnector.start();
  storage = new ListableMemoryStorage();
  bot = await startTestBot({ storage });
});
afterAll(async () => {
  await bot.close();
  await connector.close();
});

const stored = () => JSON.stringify((storage as unknown as { memory: unknown }).memory);

describe('what is kept of a conversation', () => {
  it('is what the search understood, never what the user typed', async () => {
    const user = new EmulatorClient(bot.url, connector);
    await user.say('Wir in Quakenbrückhausen suchen Sprachkurse für Geflüchtete');
    await user.say('Frau Mustermann meint: Frauen');
    await user.say('Zielgruppe ändern');
    await user.say('Jugendliche bitte, Tel. 0521 999');
    const state = stored();
    expect(state).toContain('sprache');
    for (const typed of ['Quakenbr', 'Mustermann', '0521', 'bitte']) expect(state).not.toContain(typed);
  });

  it('„Meine Daten löschen“ also deletes the running search of this user in this conversation', async () => {
    const user = new EmulatorClient(bot.url, connector, { userId: 'loeschen' });
    await user.say('Sprachkurse für Geflüchtete');
    await user.submit({ action: 'watch', programmeId: 'sprachkurs-frauen' });
    await user.say('Meine Daten löschen');
    await user.say('ja');
    const state = stored();
    expect(state).not.toContain('loeschen');
    // The next message starts a new search.
    expect(JSON.stringify(await user.say('Hallo'))).toContain('Wofür suchen Sie Förderung?');
  });
});
