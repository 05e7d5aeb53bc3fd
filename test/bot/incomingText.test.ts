import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ENTITIES_READ, incomingText, mentionsBot } from '../../src/bot/incomingText.js';
import { MAX_MESSAGE_CHARS } from '../../src/domain/recognizer.js';

const BOT = { id: 'bot-1' };
const mention = (text: string | undefined, id = BOT.id) => ({
  type: 'mention',
  mentioned: { id, name: 'Förderlotse NRW' },
  ...(text === undefined ? {} : { text }),
});
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

describe('incomingText: the @mention of the bot', () => {
  it.each([
    ['one mention', '<at>Förderlotse NRW</at> Sprachkurse', [mention('<at>Förderlotse NRW</at>')], 'Sprachkurse'],
    [
      'two mentions of the bot, one entity each',
      '<at>Bot</at> Wohnen <at>Bot</at> Kreis',
      [mention('<at>Bot</at>'), mention('<at>Bot</at>')],
      'Wohnen Kreis',
    ],
    [
      'a colleague mentioned too stays in the text',
      '<at>Bot</at> mit <at>Frau Kaya</at>',
      [mention('<at>Bot</at>'), mention('<at>Frau Kaya</at>', 'user-2')],
      'mit <at>Frau Kaya</at>',
    ],
    ['empty mention text is ignored', 'Sprache', [mention(''), mention(' ')], 'Sprache'],
    ['mention without text', 'Sprache', [mention(undefined)], 'Sprache'],
    ['type in other case', '<at>Bot</at> Sprache', [{ ...mention('<at>Bot</at>'), type: 'Mention' }], 'Sprache'],
    [
      'entities of every odd shape',
      'Sprache',
      [null, 42, 'mention', { type: 7 }, { type: 'mention' }, { type: 'mention', mentioned: null }],
      'Sprache',
    ],
  ])('%s', (_case, text, entities, expected) => {
    expect(incomingText({ text, entities, recipient: BOT }).text).toBe(expected);
  });

  it('40 empty mentions of the bot in a 2.5 KB message leave the text as it was, at once', () => {
    const entities = Array.from({ length: 40 }, () => mention(''));
    const started = cpuMs();
    expect(incomingText({ text: '', entities, recipient: BOT }).text).toBe('');
    expect(incomingText({ text: 'Wohnraum', entities, recipient: BOT }).text).toBe('Wohnraum');
    expect(cpuMs() - started).toBeLessThan(50);
  });

  it('says when it cut a message to what the search reads, not for trailing blanks', () => {
    const long = 'a'.repeat(MAX_MESSAGE_CHARS);
    expect(incomingText({ text: long, recipient: BOT })).toEqual({ text: long, cut: false });
    expect(incomingText({ text: `${long}   \n`, recipient: BOT })).toEqual({ text: long, cut: false });
    expect(incomingText({ text: `${long} Gütersloh`, recipient: BOT })).toEqual({ text: long, cut: true });
  });

  it(`looks at the first ${MAX_ENTITIES_READ} entities only`, () => {
    const entities = [...Array.from({ length: MAX_ENTITIES_READ }, () => ({ type: 'clientInfo' })), mention('<at>Bot</at>')];
    expect(mentionsBot({ text: '<at>Bot</at> x', entities, recipient: BOT })).toBe(false);
    expect(mentionsBot({ text: '<at>Bot</at> x', entities: entities.slice(1), recipient: BOT })).toBe(true);
  });

  it('entities that are not a list count as none', () => {
    expect(mentionsBot({ text: 'x', entities: { length: 1e9 }, recipient: BOT })).toBe(false);
    expect(incomingText({ text: 'x', entities: 'mention', recipient: BOT }).text).toBe('x');
  });

  it('property: for any entities and text, the cleaned text is never longer than the input and takes under 50 ms of CPU', () => {
    const mentionText = fc.oneof(fc.constantFrom('', ' ', '<at>Bot</at>', 'a', 'Bot'), fc.string({ maxLength: 20 }));
    const entity = fc.oneof(
      fc.record({
        type: fc.constantFrom('mention', 'MENTION', 'clientInfo'),
        mentioned: fc.record({ id: fc.constantFrom(BOT.id, 'user-2') }),
        text: mentionText,
      }),
      fc.anything(),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 3000 }), fc.array(entity, { maxLength: 200 }), (text, entities) => {
        const started = cpuMs();
        const cleaned = incomingText({ text, entities, recipient: BOT }).text;
        expect(cpuMs() - started).toBeLessThan(50);
        expect(cleaned.length).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 500 },
    );
  });
});
