import { describe, expect, it } from 'vitest';
import { texts } from '../../src/texts/chat.js';
import { EmulatorClient } from '../support/emulatorClient.js';
import type { RecordedReply } from '../support/fakeConnector.js';
import { useBotWithConnector } from '../support/testBot.js';

type Card = { body: { inlines?: { text: string }[] }[] };
const titles = (reply: RecordedReply['activity'] | undefined) =>
  (reply?.attachments ?? []).map((attachment) => (attachment.content as Card).body[0]?.inlines?.[0]?.text);

describe('a message that names a programme', () => {
  const running = useBotWithConnector();

  it('learns that an ended programme ended and what followed it, and the search stays where it was', async () => {
    const user = new EmulatorClient(running.bot.url, running.connector);
    expect((await user.say('Sprache für Geflüchtete')).at(-1)?.text).toBe(`Verstanden: Sprache · Geflüchtete.\n\n${texts.ask.size}`);

    // "Einwanderung" would be a target group, but here it is part of the name asked about.
    const [answer, ...rest] = await user.say('Gibt es das Programm Einwanderung gestalten NRW noch?');
    // After the answer the open question comes again, with its buttons.
    expect(rest.map((reply) => reply.text)).toEqual([texts.ask.size]);
    expect(rest[0]?.suggestedActions?.actions.map((action) => action.title)).toContain('Kreis');
    expect(answer?.text).toBe(
      '„Einwanderung gestalten NRW“ ist beendet (seit 30.06.2020). Nachfolger: „Kommunales Integrationsmanagement (KIM)“.',
    );
    expect(titles(answer)).toEqual(['Einwanderung gestalten NRW', 'Kommunales Integrationsmanagement (KIM)']);

    const results = await user.say('Gemeinde mit 8.000 Einwohnern');
    expect(results.find((reply) => reply.attachmentLayout === 'carousel')?.text).toContain('Ich suche nach: Sprache · Geflüchtete');

    // The name of an open programme alone is a question about it: the card, then the open question again.
    const other = new EmulatorClient(running.bot.url, running.connector);
    await other.say('für Geflüchtete, Kreis');
    const named = await other.say('KIM?');
    expect(titles(named[0])).toEqual(['Kommunales Integrationsmanagement (KIM)']);
    expect(named.map((reply) => reply.text).slice(1)).toEqual([texts.ask.needs]);

    // At the results, too: the search keeps its need.
    await other.say('Sprache');
    const atResults = await other.say('KIM');
    expect(atResults.map((reply) => reply.text).slice(1)).toEqual([texts.nextPrompt]);
    expect(JSON.stringify(await other.say('Suche speichern'))).toContain('Suche gespeichert: Sprache · Geflüchtete · Kreis');
  });

  it('shows the named programme and still searches with the rest of the sentence', async () => {
    const user = new EmulatorClient(running.bot.url, running.connector);
    const replies = await user.say('Was ist KIM? Wir suchen Beratung für Neuzugewanderte');
    expect(replies[0]?.text).toBe('Hier die Angaben zu „Kommunales Integrationsmanagement (KIM)“.');
    expect(titles(replies[0])).toEqual(['Kommunales Integrationsmanagement (KIM)']);
    expect(replies.at(-1)?.text).toBe(
      `Verstanden: Beratung & Case Management + Personal & Integrationsstrukturen · Neuzugewanderte & Menschen mit Einwanderungsgeschichte.\n\n${texts.ask.size}`,
    );
  });

  it('leaves ordinary search sentences to the search', async () => {
    const user = new EmulatorClient(running.bot.url, running.connector);
    const replies = await user.say('Sprachkurse für Frauen');
    expect(replies.map((reply) => reply.text).join('\n')).not.toContain('Hier die Angaben zu');
  });

  it('lets the search read an answer that is also a programme name', async () => {
    const user = new EmulatorClient(running.bot.url, running.connector);
    expect((await user.say('Sprachkurse')).at(-1)?.text).toBe(`Verstanden: Sprache.\n\n${texts.ask.targetGroups}`);
    // "Zusammenhalt im Quartier" is a programme of the fixture, and also an answer the search understands.
    const replies = await user.say('Zusammenhalt im Quartier für alle, Stadt mit 60.000 Einwohnern');
    expect(replies[0]?.text).toContain('„Zusammenhalt im Quartier“');
    expect(replies.find((reply) => reply.attachmentLayout === 'carousel' && reply.text?.includes('Ich suche nach'))).toBeDefined();
  });
});
