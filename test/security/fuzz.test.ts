import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { texts } from '../../src/texts/chat.js';
import { EmulatorClient } from '../support/emulatorClient.js';
import { FakeConnector } from '../support/fakeConnector.js';
import { type TestBot, startTestBot } from '../support/testBot.js';

let connector: FakeConnector;
let bot: TestBot;
beforeAll(async () => {
  connector = await FakeConnector.start();
  bot = await startTestBot();
});
afterAll(async () => {
  await bot.close();
  await connector.close();
});

const post = (body: string, contentType = 'application/json') =>
  fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': contentType }, body });

/** Text with the oddities users and attackers send: unicode of every plane, control characters, markup. */
const oddText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\u202e',
    '<script>alert(1)</script>',
    '**fett** [x](javascript:alert(1))',
    '🙂'.repeat(500),
    'a'.repeat(20_000),
  ),
);

/** A structurally valid activity with random parts replaced by wrong types or nonsense. */
const mutatedActivity = (serviceUrl: () => string) =>
  fc
    .record({
      type: fc.oneof(
        fc.constantFrom('message', 'conversationUpdate', 'invoke', 'event', 'typing', 'messageReaction', 'installationUpdate', 'unbekannt'),
        fc.anything(),
      ),
      text: fc.oneof(oddText, fc.anything()),
      value: fc.oneof(
        fc.constant(undefined),
        fc.anything(),
        fc.record({ answer: oddText }),
        fc.record({ msteams: fc.record({ type: fc.constantFrom('imBack', 'messageBack', 'signin'), value: oddText }) }),
      ),
      conversation: fc.oneof(
        fc.record({
          id: fc.string({ minLength: 1, maxLength: 40 }),
          conversationType: fc.constantFrom('personal', 'groupChat', 'channel', 'x'),
        }),
        fc.anything(),
      ),
      from: fc.oneof(fc.record({ id: fc.string({ minLength: 1, maxLength: 40 }) }), fc.anything()),
      channelId: fc.oneof(fc.constantFrom('emulator', 'msteams', 'webchat', 'directline'), fc.anything()),
      entities: fc.oneof(fc.constant(undefined), fc.array(fc.anything(), { maxLength: 3 }), fc.anything()),
      membersAdded: fc.oneof(fc.constant(undefined), fc.array(fc.record({ id: fc.string() }), { maxLength: 3 }), fc.anything()),
    })
    .map((parts) => ({ ...parts, id: 'fuzz', serviceUrl: serviceUrl(), recipient: { id: 'bot-1' } }));

/** Deeply nested JSON, which some parsers and validators choke on. */
const deepJson = fc.integer({ min: 100, max: 5000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);

describe('the HTTP endpoint under random and mutated input', () => {
  it('answers every request with a status, never a crash or a 5xx, and stays up for everyone else', async () => {
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          mutatedActivity(() => connector.url).map((activity) => ({ body: JSON.stringify(activity), contentType: 'application/json' })),
          fc.string({ maxLength: 500 }).map((body) => ({ body, contentType: 'application/json' })),
          deepJson.map((body) => ({ body, contentType: 'application/json' })),
          fc.jsonValue().map((value) => ({ body: JSON.stringify(value), contentType: 'application/json' })),
          oddText.map((body) => ({ body, contentType: 'text/plain' })),
        ),
        async ({ body, contentType }) => {
          const response = await post(body, contentType);
          statuses.add(response.status);
          // 501 is the Bot Framework's own answer to an invoke the bot does not handle, not a failure.
          expect(response.status === 501 || response.status < 500, `status ${response.status}`).toBe(true);
          await response.arrayBuffer();
        },
      ),
      { numRuns: 3000, seed: 2026 },
    );
    expect([...statuses].filter((status) => ![200, 400, 413, 415, 501].includes(status))).toEqual([]);

    // Another user's conversation is untouched by all of it.
    const user = new EmulatorClient(bot.url, connector);
    expect((await user.say('Sprachkurse für Geflüchtete')).map((reply) => reply.text)).toEqual([expect.stringContaining(texts.ask.size)]);
  }, 120_000);
});
