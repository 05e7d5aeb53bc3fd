import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileStorage } from '../../src/storage/fileStorage.js';
import { texts } from '../../src/texts/chat.js';
import { EmulatorClient } from '../support/emulatorClient.js';
import { FakeConnector, type RecordedReply } from '../support/fakeConnector.js';
import { type TestBot, startTestBot } from '../support/testBot.js';

type Activity = RecordedReply['activity'];
const said = (replies: Activity[]) => replies.map((reply) => `${reply.text ?? ''} ${JSON.stringify(reply.attachments ?? [])}`).join('\n');
const carouselText = (replies: Activity[]) => replies.find((reply) => reply.attachmentLayout === 'carousel')?.text ?? '';

let connector: FakeConnector;
let directory: string;
const bots: TestBot[] = [];
const startBot = async () => {
  const bot = await startTestBot({ storage: new FileStorage(directory), floodLimit: { burst: 100, perSecond: 100 } });
  bots.push(bot);
  return bot;
};
beforeAll(async () => {
  connector = await FakeConnector.start();
  directory = mkdtempSync(join(tmpdir(), 'municipality-'));
});
afterAll(async () => {
  for (const bot of bots) await bot.close().catch(() => undefined);
  await connector.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('the municipality, named in a sentence and remembered', () => {
  it('reads the municipality from the first sentence, asks nothing about size, and shows Kreis-only programmes as “über den Kreis”', async () => {
    const bot = await startBot();
    const user = new EmulatorClient(bot.url, connector, { userId: 'guetersloh-1' });
    const replies = await user.say('Wir sind die Stadt Gütersloh und suchen Förderung für Personal für Neuzugewanderte');
    expect(said(replies)).not.toContain(texts.ask.size);
    expect(carouselText(replies)).toContain('Gütersloh (Kreis Gütersloh');
    const cards = said(replies);
    expect(cards).toContain('Den Antrag stellt der Kreis Gütersloh');
  });

  it('offers it at the next search, also after a restart, and takes „Ja“', async () => {
    await bots.at(-1)?.close();
    const bot = await startBot();
    const user = new EmulatorClient(bot.url, connector, { userId: 'guetersloh-1' });
    const asked = await user.say('Sprachkurse für Geflüchtete');
    expect(said(asked)).toContain(texts.sameMunicipality('Gütersloh'));
    const results = await user.say('Ja, für Gütersloh');
    expect(carouselText(results)).toContain('Gütersloh (Kreis Gütersloh');
  });

  it('„Andere Kommune“ asks the size question; a name answers it', async () => {
    const bot = bots.at(-1) as TestBot;
    const user = new EmulatorClient(bot.url, connector, { userId: 'guetersloh-1' });
    await user.say('neue Suche');
    await user.say('Sprachkurse für Geflüchtete');
    expect(said(await user.say(texts.otherMunicipality))).toContain(texts.ask.size);
    expect(carouselText(await user.say('Gemeinde Nottuln'))).toContain('Nottuln (Kreis Coesfeld');
  });

  it('asks back which one is meant when a city shares its name with its Kreis', async () => {
    const bot = bots.at(-1) as TestBot;
    const user = new EmulatorClient(bot.url, connector, { userId: 'paderborn-1' });
    const asked = await user.say('Sprachkurse für Geflüchtete, Paderborn');
    expect(said(asked)).toContain(texts.whichMunicipality(['Stadt Paderborn', 'Kreis Paderborn']));
    expect(carouselText(await user.say('Kreis Paderborn'))).toContain('Kreis Paderborn (');
  });

  it('takes „Kreis“ or „die Stadt“ as the answer to that question', async () => {
    const bot = bots.at(-1) as TestBot;
    for (const [userId, answer, shown] of [
      ['paderborn-2', 'Kreis', 'Kreis Paderborn ('],
      ['paderborn-3', 'die Stadt', 'Paderborn (Kreis Paderborn'],
    ] as const) {
      const user = new EmulatorClient(bot.url, connector, { userId });
      await user.say('Sprachkurse für Geflüchtete, Paderborn');
      expect(carouselText(await user.say(answer))).toContain(shown);
    }
  });

  it('offers it again after „Neue Suche“, and „Ja, für Köln“ takes Köln instead', async () => {
    const bot = bots.at(-1) as TestBot;
    const user = new EmulatorClient(bot.url, connector, { userId: 'bonn-1' });
    expect(carouselText(await user.say('Sprachkurse für Geflüchtete, Stadt Bonn'))).toContain('Bonn (');
    await user.say('Neue Suche');
    expect(said(await user.say('Wohnraum für Geflüchtete'))).toContain(texts.sameMunicipality('Bonn'));
    expect(carouselText(await user.say('Ja, für Köln'))).toContain('Köln (');
  });

  it('says it covers NRW when a municipality outside NRW is named, and asks again', async () => {
    const bot = bots.at(-1) as TestBot;
    const user = new EmulatorClient(bot.url, connector, { userId: 'muenchen-1' });
    const replies = await user.say('Sprachkurse für Geflüchtete, wir sind aus München');
    expect(said(replies)).toContain(texts.outsideNrw('München'));
    expect(said(replies)).toContain(texts.ask.size);
  });

  it('„Meine Daten löschen“ forgets it', async () => {
    const bot = bots.at(-1) as TestBot;
    const user = new EmulatorClient(bot.url, connector, { userId: 'guetersloh-1' });
    await user.say('Meine Daten löschen');
    await user.say('ja');
    const asked = await user.say('Sprachkurse für Geflüchtete');
    expect(said(asked)).not.toContain(texts.sameMunicipality('Gütersloh'));
    expect(said(asked)).toContain(texts.ask.size);
  });
});
