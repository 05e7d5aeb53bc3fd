import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { texts } from '../../src/texts/chat.js';
import { ListableMemoryStorage } from '../../src/storage/listableStorage.js';
import { EmulatorClient } from '../support/emulatorClient.js';
import { FakeConnector, type RecordedReply } from '../support/fakeConnector.js';
import { type TestBot, startTestBot } from '../support/testBot.js';

/**
 * A long working session in one conversation: searches, changes, side steps and restarts, 200 turns.
 * Every turn is answered as it should be, and what the bot keeps of the conversation stays small
 * instead of growing with the turns. (How long the turns take is measured in `npm run bench`.)
 */

type Activity = RecordedReply['activity'];
type Card = { actions?: { title: string; data?: unknown }[] };

/** What a turn must end with: programme results, a question with its buttons, or a text. */
type Expected = 'results' | 'question' | { says: string };
type Step = [message: string | 'Merken' | '👍', expected: Expected];

const CYCLE: Step[] = [
  ['neue Suche', 'question'],
  ['Sprachkurse für geflüchtete Frauen, Gemeinde mit 8.000 Einwohnern', 'results'],
  ['Merken', 'question'],
  ['Weitere Ergebnisse', 'question'],
  ['zurück', 'question'],
  ['8.000', 'results'],
  ['Merkliste', 'question'],
  ['Zielgruppe ändern', 'question'],
  ['hilfe', 'question'],
  ['Jugendliche', 'results'],
  ['eher Wohnen', 'results'],
  ['Danke!', { says: texts.thanks }],
  ['Kommune ändern', 'question'],
  ['Kreis', 'results'],
  ['zurück', 'results'],
  ['Suche speichern', 'question'],
  ['👍', 'question'],
  ['Hallo', { says: texts.greetingDuringSearch }],
  ['Integrationsmanagement für Neuzugewanderte', 'results'],
  ['ca. 45 Tsd.', 'results'],
];
/** Ten rounds of twenty turns. */
const ROUNDS = 10;

const isResults = (replies: Activity[]) =>
  replies.some((reply) => reply.attachmentLayout === 'carousel' && reply.text?.includes('Ich suche nach:') === true);
const hasButtons = (reply: Activity | undefined) => (reply?.suggestedActions?.actions.length ?? 0) > 0;
const cardAction = (replies: Activity[], title: string, card: 'first' | 'last') => {
  const cards = (replies.find((reply) => reply.attachmentLayout === 'carousel')?.attachments ?? []).map(
    (attachment) => attachment.content as Card,
  );
  return (card === 'first' ? cards[0] : cards.at(-1))?.actions?.find((action) => action.title === title)?.data;
};

let connector: FakeConnector;
let storage: ListableMemoryStorage;
let bot: TestBot;
beforeAll(async () => {
  connector = await FakeConnector.start();
  storage = new ListableMemoryStorage();
  // One person typing fast for a long time: the flood limit has tests of its own.
  bot = await startTestBot({ storage, floodLimit: { burst: 1000, perSecond: 1000 } });
});
afterAll(async () => {
  await bot.close();
  await connector.close();
});

/** The size of what the storage keeps of this user's conversation, as written. */
const stateBytes = (user: EmulatorClient) => {
  const memory = (storage as unknown as { memory: Record<string, string | undefined> }).memory;
  const key = Object.keys(memory).find((candidate) => candidate.includes(user.conversationId));
  return Buffer.byteLength(key === undefined ? '' : (memory[key] ?? ''));
};

describe('a conversation of 200 turns', () => {
  it('answers every turn as it should, and its state stays small', async () => {
    const user = new EmulatorClient(bot.url, connector, { userId: 'lange-sitzung' });
    const sizes: number[][] = [];
    let lastResults: Activity[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const roundSizes: number[] = [];
      for (const [message, expected] of CYCLE) {
        const replies =
          message === 'Merken'
            ? await user.submit(cardAction(lastResults, 'Merken', 'first'))
            : message === '👍'
              ? await user.submit(cardAction(lastResults, '👍 Ja', 'last'))
              : await user.say(message);
        const turn = `round ${round + 1}, "${message}"`;
        const said = replies.map((reply) => reply.text ?? '');
        expect(said, turn).not.toContain(texts.turnError);
        expect(said, turn).not.toContain(texts.pleaseRepeat);
        if (expected === 'results') {
          expect(isResults(replies), turn).toBe(true);
          lastResults = replies;
        }
        // Whatever happened, the user is left with a question and its buttons.
        expect(hasButtons(replies.at(-1)), turn).toBe(true);
        if (typeof expected === 'object') expect(said[0], turn).toBe(expected.says);
        roundSizes.push(stateBytes(user));
      }
      sizes.push(roundSizes);
    }
    const largest = Math.max(...sizes.flat());
    const perRound = `largest state per round: ${sizes.map((round) => Math.max(...round)).join(', ')} bytes`;
    expect(largest, perRound).toBeLessThan(16_000);
    // The last round keeps no more than the second (the ids of later messages have more digits): nothing accumulates.
    const largestOf = (round: number) => Math.max(...(sizes[round] ?? []));
    expect(largestOf(ROUNDS - 1), perRound).toBeLessThanOrEqual(largestOf(1) + 64);
  }, 120_000);
});
