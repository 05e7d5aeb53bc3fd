import { describe, expect, it } from 'vitest';
import { EmulatorClient } from '../support/emulatorClient.js';
import { useBotWithConnector } from '../support/testBot.js';
import { texts } from '../../src/texts/chat.js';

/** A programme card's title is its first RichTextBlock; other cards (the feedback card) start with a TextBlock. */
const cardTitles = (activity: { attachments?: { content: unknown }[] }) =>
  (activity.attachments ?? []).map((attachment) => {
    const first = (attachment.content as { body: { text?: string; inlines?: { text: string }[] }[] }).body[0];
    return first?.inlines?.[0]?.text ?? first?.text;
  });

describe('a whole conversation over HTTP, as the Emulator has it', () => {
  const running = useBotWithConnector();

  it('welcomes, asks step by step and answers with an Adaptive Card carousel', async () => {
    const user = new EmulatorClient(running.bot.url, running.connector);

    const [welcome] = await user.join();
    expect(welcome?.text).toContain('Förderlotse NRW');

    const needQuestion = await user.say('Hallo');
    expect(needQuestion.at(-1)?.text).toContain('Wofür suchen Sie Förderung?');
    expect(needQuestion.at(-1)?.suggestedActions?.actions.map((action) => action.title)).toEqual([
      'Wohnen',
      'Arbeit & Ausbildung',
      'Sprache',
      'Bildung & Schule',
      'Beratung',
      'Gesundheit',
      'Ehrenamt',
      'Zusammenleben',
      'Info & Aufklärung',
      'Rückkehr',
      'Personalstellen',
    ]);

    const groupQuestion = await user.say('Sprache');
    expect(groupQuestion.at(-1)?.text).toContain('Zielgruppe');

    const sizeQuestion = await user.say('Frauen & Familien');
    expect(sizeQuestion.at(-1)?.text).toContain('Für welche Kommune suchen Sie?');

    const results = await user.say('ca. 8 Tsd.');
    const carousel = results.find((activity) => activity.attachmentLayout === 'carousel');
    expect(carousel?.text).toContain('Ich suche nach: Sprache · Frauen & Familien · Gemeinde mit 8.000 Einwohnern');
    expect(carousel?.attachments?.every((attachment) => attachment.contentType === 'application/vnd.microsoft.card.adaptive')).toBe(true);
    // The programme cards, best first; the first page of a search ends with the feedback card.
    expect(cardTitles(carousel ?? {})).toEqual([
      'Sprachkurse für Frauen mit Kinderbetreuung',
      'Sprachcafés im Ehrenamt',
      'War diese Suche hilfreich?',
    ]);
    expect(results.at(-1)?.text).toContain('Wie möchten Sie weitermachen?');
  });

  it('understands a whole first sentence and only asks for what is missing', async () => {
    const user = new EmulatorClient(running.bot.url, running.connector);
    const replies = await user.say('Flüchtlingsunterkünfte für Geflüchtete');
    expect(replies.at(-1)?.text).toContain('Für welche Kommune suchen Sie?');
  });

  it('says plainly what of a very long message it did not read, then goes on with what it read', async () => {
    const user = new EmulatorClient(running.bot.url, running.connector);
    const replies = await user.say(`Flüchtlingsunterkünfte für Geflüchtete. ${'Wir brauchen schnell Plätze. '.repeat(75)} Stadt Gütersloh`);
    expect(replies[0]?.text).toBe(texts.messageCut);
    expect(replies[0]?.text).toContain('2.000 Zeichen');
    // The municipality stood beyond what was read: it is asked for, not guessed.
    expect(replies.at(-1)?.text).toContain('Für welche Kommune suchen Sie?');
  });

  it('answers a malformed request with 400 and short JSON', async () => {
    const response = await fetch(`${running.bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'hallo' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_activity' });
  });
});
