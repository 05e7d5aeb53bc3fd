import { describe, expect, it } from 'vitest';
import { texts } from '../../src/texts/chat.js';
import { EmulatorClient } from '../support/emulatorClient.js';
import type { RecordedReply } from '../support/fakeConnector.js';
import { useBotWithConnector } from '../support/testBot.js';

const running = useBotWithConnector();
const teams = (conversationType: 'personal' | 'groupChat' | 'channel', options: { conversationId?: string; userId?: string } = {}) =>
  new EmulatorClient(running.bot.url, running.connector, { channelId: 'msteams', conversationType, ...options });

type Reply = RecordedReply['activity'];
const heroButtons = (reply: Reply | undefined) =>
  (reply?.attachments ?? []).flatMap(
    (attachment) => (attachment.content as { buttons?: { type: string; title: string; value: unknown }[] }).buttons ?? [],
  );
const adaptiveCard = (reply: Reply | undefined) =>
  reply?.attachments?.find((attachment) => attachment.contentType === 'application/vnd.microsoft.card.adaptive')?.content as
    | {
        version: string;
        body: { type: string; text?: string; label?: string; choices?: { title: string }[] }[];
        actions: { type: string }[];
      }
    | undefined;
/** The question of a hero card, or of a choice card: the text above its list and the list's label. */
function questionOf(reply: Reply | undefined): string | undefined {
  const hero = (reply?.attachments?.[0]?.content as { text?: string } | undefined)?.text;
  if (hero !== undefined) return hero;
  const body = adaptiveCard(reply)?.body ?? [];
  const list = body.findIndex((element) => element.type === 'Input.ChoiceSet');
  if (list < 0) return undefined;
  return [...body.slice(0, list).map((element) => element.text), body[list]?.label].join('\n\n');
}

describe('Teams: welcome', () => {
  it('welcomes once when the app is installed in a personal chat', async () => {
    const user = teams('personal');
    const replies = await user.exchange({ type: 'conversationUpdate', membersAdded: [{ id: 'bot-1' }] });
    expect(replies.map((reply) => reply.text)).toEqual([texts.welcome]);
  });

  it('says a short hello when added to a team, and nothing when colleagues join', async () => {
    const channel = teams('channel');
    expect((await channel.exchange({ type: 'conversationUpdate', membersAdded: [{ id: 'bot-1' }] })).map((reply) => reply.text)).toEqual([
      texts.welcomeTeam,
    ]);
    expect(await channel.exchange({ type: 'conversationUpdate', membersAdded: [{ id: 'colleague-7' }] })).toEqual([]);
  });
});

describe('Teams: group chats and channels', () => {
  it.each(['groupChat', 'channel'] as const)(
    'in a %s the bot answers only when @mentioned, and reads the text without the mention',
    async (type) => {
      const chat = teams(type);
      expect(await chat.say('Sprachkurse für Geflüchtete')).toEqual([]);
      const replies = await chat.sayToBot('Sprachkurse für Geflüchtete');
      expect(questionOf(replies.at(-1))).toBe(`Verstanden: Sprache · Geflüchtete.\n\n${texts.ask.size}`);
    },
  );

  it('keeps the searches of two colleagues in one channel apart', async () => {
    const conversationId = `channel-${Math.random().toString(36).slice(2)}`;
    const anna = teams('channel', { conversationId, userId: 'anna' });
    const ben = teams('channel', { conversationId, userId: 'ben' });

    expect(questionOf((await anna.sayToBot('Sprachkurse für Frauen')).at(-1))).toBe(
      `Verstanden: Sprache · Frauen & Familien.\n\n${texts.ask.size}`,
    );
    expect(questionOf((await ben.sayToBot('Hallo')).at(-1))).toBe(texts.ask.needs);
    // Ben's answer does not finish Anna's search, and Anna's answer does not answer Ben's question.
    expect(questionOf((await ben.sayToBot('Wohnraum')).at(-1))).toBe(`Verstanden: Wohnen & Unterbringung.\n\n${texts.ask.targetGroups}`);
    const annaResults = await anna.sayToBot('8.000');
    expect(annaResults.find((reply) => reply.attachmentLayout === 'carousel')?.text).toContain(
      'Ich suche nach: Sprache · Frauen & Familien',
    );
    expect(questionOf((await ben.sayToBot('Geflüchtete')).at(-1))).toBe(`Verstanden: Geflüchtete.\n\n${texts.ask.size}`);
  });
});

describe('Teams: choices and card buttons', () => {
  it('shows up to six choices as hero-card buttons that send a messageBack', async () => {
    const user = teams('personal');
    const [question] = await user.say('Sprache für Geflüchtete');
    expect(question?.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.hero');
    const buttons = heroButtons(question);
    expect(buttons.map((button) => button.title)).toEqual([
      'unter 25.000 EW',
      '25.000–59.999 EW',
      '60.000–99.999 EW',
      'ab 100.000 EW',
      'Kreis',
    ]);
    expect(buttons.every((button) => button.type === 'messageBack')).toBe(true);
  });

  it('shows the eleven needs as an Adaptive Card choice set, and reads its submit', async () => {
    const user = teams('personal');
    const [question] = await user.say('Hallo');
    const card = adaptiveCard(question);
    expect(card?.version).toBe('1.5');
    expect(card?.body.find((element) => element.type === 'Input.ChoiceSet')?.choices).toHaveLength(11);
    expect(card?.actions.map((action) => action.type)).toEqual(['Action.Submit']);
    const [next] = await user.submit({ answer: 'Wohnen' });
    expect(questionOf(next)).toBe(`Verstanden: Wohnen & Unterbringung.\n\n${texts.ask.targetGroups}`);
  });

  it.each([
    ['messageBack from a hero card', { answer: 'Kreis' }],
    ['Teams imBack shape', { msteams: { type: 'imBack', value: 'Kreis' } }],
    ['Teams messageBack shape', { msteams: { type: 'messageBack', text: 'Kreis', displayText: 'Kreis' } }],
  ])('a button press counts without text and without a mention in a channel (%s)', async (_shape, value) => {
    const channel = teams('channel');
    await channel.sayToBot('Sprachkurse für Geflüchtete');
    const replies = await channel.submit(value);
    expect(replies.find((reply) => reply.attachmentLayout === 'carousel')?.text).toContain('Ich suche nach: Sprache · Geflüchtete · Kreis');
  });

  it('"Weitere Ergebnisse" and "Zielgruppe ändern" work as card buttons', async () => {
    const user = teams('personal');
    await user.say('Sprachkurse für Geflüchtete, Kreis');
    const more = await user.submit({ msteams: { type: 'messageBack', text: 'Weitere Ergebnisse' } });
    expect(more.map((reply) => reply.text).join('\n')).toContain(texts.noMoreResults);
    const change = await user.submit({ answer: 'Zielgruppe ändern' });
    expect(questionOf(change.at(-1))).toBe(texts.ask.targetGroups);
  });

  it('a forged or empty submit value gets the question again, not a crash', async () => {
    const user = teams('personal');
    await user.say('Hallo');
    for (const value of [{ answer: 42 }, { msteams: { type: 'signin' } }, 'Wohnen', null, { answer: '' }]) {
      const replies = await user.submit(value);
      expect(questionOf(replies.at(-1))).toBe(texts.retry.needs);
    }
  });
});

describe('Teams: limits', () => {
  it('sends Adaptive Cards 1.5, at most ten cards a message and under 80 KB', async () => {
    const user = teams('personal');
    const replies = await user.say('Beratung für Neuzugewanderte, Kreis');
    for (const reply of replies) {
      expect(reply.attachments?.length ?? 0).toBeLessThanOrEqual(10);
      expect(JSON.stringify(reply).length).toBeLessThan(80_000);
      for (const attachment of reply.attachments ?? []) {
        if (attachment.contentType === 'application/vnd.microsoft.card.adaptive')
          expect((attachment.content as { version: string }).version).toBe('1.5');
      }
    }
  });

  it.each([429, 412, 502, 504])('retries a reply the connector refuses with %i', async (status) => {
    const user = teams('personal');
    running.connector.refuseNext({ status }, { status });
    const attemptsBefore = running.connector.attempts;
    const replies = await user.say('Hallo');
    expect(questionOf(replies.at(-1))).toBe(texts.ask.needs);
    expect(running.connector.attempts - attemptsBefore).toBe(3);
  });
});
