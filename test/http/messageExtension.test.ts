import { describe, expect, it } from 'vitest';
import { EmulatorClient } from '../support/emulatorClient.js';
import { useBotWithConnector } from '../support/testBot.js';

/** The search from anywhere in Teams, over real HTTP: `composeExtension/query` and `composeExtension/queryLink` invokes. */

const running = useBotWithConnector();

interface Attachment {
  contentType: string;
  content: { version: string; body: { inlines?: { text: string }[] }[]; actions: { type: string; title: string }[] };
  preview: { contentType: string; content: { title: string; subtitle: string; text: string } };
}
interface ComposeAnswer {
  composeExtension: { type: 'result' | 'message'; attachmentLayout?: string; attachments?: Attachment[]; text?: string };
}

async function invoke(name: string, value: unknown): Promise<{ status: number; body: ComposeAnswer; replies: number }> {
  const client = new EmulatorClient(running.bot.url, running.connector, { channelId: 'msteams', conversationType: 'personal' });
  const before = running.connector.replies.length;
  const response = await client.post(client.activity({ type: 'invoke', name, value }));
  const body = (await response.json()) as ComposeAnswer;
  return { status: response.status, body, replies: running.connector.replies.length - before };
}

const search = (parameters: unknown, commandId: unknown = 'programmeSuchen') =>
  invoke('composeExtension/query', { commandId, parameters, queryOptions: { skip: 0, count: 25 } });
const titles = (answer: ComposeAnswer) => (answer.composeExtension.attachments ?? []).map((attachment) => attachment.preview.content.title);
const text = (attachment: Attachment | undefined) =>
  (attachment?.content.body ?? []).map((block) => (block.inlines ?? []).map((inline) => inline.text).join('')).join('\n');

describe('composeExtension/query', () => {
  it('answers a sentence with the chat’s ranking, as cards without the chat’s own buttons and a preview each', async () => {
    const { status, body, replies } = await search([{ name: 'suche', value: 'Wohnraum für Geflüchtete in Gütersloh' }]);
    expect(status).toBe(200);
    expect(replies).toBe(0);
    expect(body.composeExtension).toMatchObject({ type: 'result', attachmentLayout: 'list' });
    expect(titles(body)[0]).toBe('Darlehen für Flüchtlingsunterkünfte');
    const [first] = body.composeExtension.attachments ?? [];
    expect(first?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(first?.preview.contentType).toBe('application/vnd.microsoft.card.thumbnail');
    expect(first?.preview.content.text).toMatch(/^Frist: /);
    expect(first?.content.actions.map((action) => action.type)).not.toContain('Action.Submit');
    expect(text(first)).toContain('Antragsweg: Ihre Kommune stellt den Antrag selbst.');
  });

  it('reads the optional need, target group and municipality on their own', async () => {
    const { body } = await search([
      { name: 'suche', value: '' },
      { name: 'handlungsfeld', value: 'Wohnen' },
      { name: 'zielgruppe', value: 'Geflüchtete' },
      { name: 'kommune', value: 'Stadt Gütersloh' },
    ]);
    expect(titles(body)[0]).toBe('Darlehen für Flüchtlingsunterkünfte');
  });

  it('shows the open programmes with the nearest deadlines when the box opens empty', async () => {
    const { body } = await search([{ name: 'initialRun', value: 'true' }]);
    expect(body.composeExtension.type).toBe('result');
    const deadlines = (body.composeExtension.attachments ?? []).map((attachment) => attachment.preview.content.text);
    expect(deadlines.length).toBeGreaterThan(1);
    expect(deadlines.length).toBeLessThanOrEqual(10);
    expect(deadlines[0]).toMatch(/noch \d+ Tage/);
    expect(deadlines.join()).not.toMatch(/beendet|abgelaufen/);
  });

  it.each([
    { case: 'nonsense', parameters: [{ name: 'suche', value: 'xqzv blorp' }], says: /nichts erkannt/ },
    {
      case: 'a need it does not know',
      parameters: [{ name: 'handlungsfeld', value: 'Raumfahrt' }],
      says: /nicht als Handlungsfeld erkannt/,
    },
    { case: 'an unknown parameter', parameters: [{ name: 'farbe', value: 'blau' }], says: /„farbe“ kenne ich nicht/ },
    { case: 'a place outside NRW', parameters: [{ name: 'suche', value: 'Sprachkurse in München' }], says: /nicht in NRW/ },
  ])('answers $case with a German message, never an error', async ({ parameters, says }) => {
    const { status, body } = await search(parameters);
    expect(status).toBe(200);
    const said = body.composeExtension.type === 'message' ? (body.composeExtension.text ?? '') : titles(body).join();
    expect(said).toMatch(says);
  });

  it('reads parameters of the wrong shape as an empty box', async () => {
    for (const parameters of ['suche=Wohnen', null, [{ value: 'Wohnen' }], [{ name: 'suche', value: { text: 'Wohnen' } }]]) {
      const { status, body } = await search(parameters);
      expect(status).toBe(200);
      expect(titles(body)).toEqual(titles((await search([{ name: 'initialRun', value: 'true' }])).body));
    }
  });

  it('answers an invoke without a value, or with a value of the wrong shape, with a message', async () => {
    for (const value of [undefined, null, 'Wohnen', [1, 2]]) {
      const { status, body } = await invoke('composeExtension/query', value);
      expect(status).toBe(200);
      expect(body.composeExtension).toEqual({ type: 'message', text: expect.stringMatching(/Diese Suche kenne ich nicht/) });
    }
    const link = await invoke('composeExtension/queryLink', undefined);
    expect(link.status).toBe(200);
    expect(link.body.composeExtension.attachments).toEqual([]);
  });

  it('answers an unknown command id with a message', async () => {
    const { status, body } = await search([{ name: 'suche', value: 'Wohnen' }], 'somethingElse');
    expect(status).toBe(200);
    expect(body.composeExtension).toEqual({ type: 'message', text: expect.stringMatching(/Diese Suche kenne ich nicht/) });
  });

  it('reads a query of 2,000 characters and answers at once', async () => {
    const long = `${'Wir suchen Förderung für unsere Arbeit vor Ort. '.repeat(40)}Wohnraum für Geflüchtete`.slice(-2000);
    const started = performance.now();
    const { status, body } = await search([{ name: 'suche', value: long }]);
    expect(status).toBe(200);
    expect(body.composeExtension.type).toBe('result');
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('composeExtension/queryLink', () => {
  it('unfurls a link to a programme’s page into its card, in Adaptive Cards 1.3', async () => {
    const { status, body } = await invoke('composeExtension/queryLink', { url: 'https://WWW.bra.nrw.de/kim/#antrag' });
    expect(status).toBe(200);
    const [card] = body.composeExtension.attachments ?? [];
    expect(card?.preview.content.title).toBe('Kommunales Integrationsmanagement (KIM)');
    expect(JSON.stringify(card?.content)).not.toContain('"version":"1.5"');
    expect(card?.content.version).toBe('1.3');
  });

  it('leaves any other page to Teams’ usual preview', async () => {
    for (const url of ['https://www.bra.nrw.de/andere-seite', 'javascript:alert(1)', 'x'.repeat(5000), 42]) {
      const { status, body } = await invoke('composeExtension/queryLink', { url });
      expect(status).toBe(200);
      expect(body.composeExtension).toEqual({ type: 'result', attachmentLayout: 'list', attachments: [] });
    }
  });
});

describe('searches typed quickly', () => {
  it('answers every one; beyond the limit per user with a German request to wait, never an error', async () => {
    const client = new EmulatorClient(running.bot.url, running.connector, { channelId: 'msteams', conversationType: 'personal' });
    const responses = await Promise.all(
      Array.from({ length: 45 }, (_, index) =>
        client.post(
          client.activity({
            type: 'invoke',
            name: 'composeExtension/query',
            value: { commandId: 'programmeSuchen', parameters: [{ name: 'suche', value: `Wohnraum ${index}` }] },
          }),
        ),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(responses.map(() => 200));
    const bodies = (await Promise.all(responses.map((response) => response.json()))) as ComposeAnswer[];
    const busy = bodies.filter(
      (body) => body.composeExtension.type === 'message' && /einen Moment|gleich noch einmal/.test(body.composeExtension.text ?? ''),
    );
    expect(busy.length).toBeGreaterThan(0);
    expect(bodies.length - busy.length).toBeGreaterThanOrEqual(30);
  });
});

describe('an invoke the bot cannot read', () => {
  it('gets a 400 with a German sentence and leaves the user’s search as it was', async () => {
    const client = new EmulatorClient(running.bot.url, running.connector, { channelId: 'msteams', conversationType: 'personal' });
    await client.say('Sprachkurse');
    for (const value of [{ action: null }, 'x', {}]) {
      const before = running.connector.replies.length;
      const response = await client.post(client.activity({ type: 'invoke', name: 'adaptiveCard/action', value }));
      expect(response.status).toBe(400);
      expect(((await response.json()) as { message: string }).message).toMatch(/Diese Aktion kenne ich nicht/);
      expect(running.connector.replies.length).toBe(before);
    }
    // The search goes on where it was: the need is still known, the bot asks for the next answer.
    const replies = await client.say('Geflüchtete');
    expect(replies.map((reply) => String(reply.text ?? '')).join('\n')).not.toMatch(/beginnt dann von vorn|Wofür suchen Sie/);
  });
});
