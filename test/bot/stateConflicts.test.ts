import type { StoreItems } from 'botbuilder';
import { afterEach, describe, expect, it } from 'vitest';
import { ListableMemoryStorage, unreadableItem } from '../../src/storage/listableStorage.js';
import { texts } from '../../src/texts/chat.js';
import { EmulatorClient } from '../support/emulatorClient.js';
import { FakeConnector } from '../support/fakeConnector.js';
import { startTestBot } from '../support/testBot.js';

/** Memory storage whose next writes fail as if another instance had saved the same state first. */
class ContestedStorage extends ListableMemoryStorage {
  conflictsToCome = 0;
  /** The next read of conversation state gives what FileStorage gives for a file it could not read. */
  unreadableNext = false;
  override async read(keys: string[]): Promise<StoreItems> {
    const items = await super.read(keys);
    if (this.unreadableNext && keys.every((key) => key.startsWith('emulator/'))) {
      this.unreadableNext = false;
      for (const key of keys) items[key] = unreadableItem();
    }
    return items;
  }

  override async write(changes: StoreItems): Promise<void> {
    if (this.conflictsToCome > 0) {
      this.conflictsToCome -= 1;
      throw new Error('Storage: error writing "state" due to eTag conflict.');
    }
    return super.write(changes);
  }
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setUp() {
  const storage = new ContestedStorage();
  const connector = await FakeConnector.start();
  const bot = await startTestBot({ storage });
  cleanups.push(bot.close, () => connector.close());
  return { storage, bot, user: new EmulatorClient(bot.url, connector) };
}

describe('a stale write (eTag conflict) is never silently lost', () => {
  it('runs the turn again on fresh state and sends its replies once', async () => {
    const { storage, bot, user } = await setUp();
    expect((await user.say('Sprache')).map((reply) => reply.text)).toEqual([expect.stringContaining(texts.ask.targetGroups)]);
    storage.conflictsToCome = 1;
    const replies = await user.say('Frauen & Familien');
    expect(replies).toHaveLength(1);
    expect(replies[0]?.text ?? '').toContain(texts.ask.size);
    expect(bot.logger.entries).toContainEqual(
      expect.objectContaining({ level: 'warn', fields: expect.objectContaining({ conversationId: user.conversationId, attempt: 1 }) }),
    );
    // The search goes on from the saved state.
    expect((await user.say('8.000')).find((reply) => reply.attachmentLayout === 'carousel')?.text).toContain(
      'Ich suche nach: Sprache · Frauen & Familien',
    );
  });

  it('asks the user to repeat when the state keeps changing, and keeps the search', async () => {
    const { storage, user } = await setUp();
    await user.say('Sprache');
    storage.conflictsToCome = 3;
    expect((await user.say('Frauen & Familien')).map((reply) => reply.text)).toEqual([texts.pleaseRepeat]);
    expect((await user.say('Frauen & Familien')).map((reply) => reply.text)).toEqual([expect.stringContaining(texts.ask.size)]);
  });

  it('answers a burst of messages in one conversation one after another, losing none', async () => {
    const { user } = await setUp();
    const burst = await Promise.all(['Sprache', 'Hallo', 'Wohnen', 'hilfe', 'Sprache', 'zurück'].map((text) => user.say(text)));
    for (const replies of burst) expect(replies.length).toBeGreaterThan(0);
  });
});

/** Memory storage whose writes take a moment, so that two turns surely read the same state before either saves. */
class SlowWritingStorage extends ListableMemoryStorage {
  override async write(changes: StoreItems): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 30));
    return super.write(changes);
  }
}

describe('two bot instances sharing one state store', () => {
  it('detects that the other instance saved first and runs the turn again on its state', async () => {
    const storage = new SlowWritingStorage();
    const connector = await FakeConnector.start();
    const [first, second] = [await startTestBot({ storage }), await startTestBot({ storage })];
    cleanups.push(first.close, second.close, () => connector.close());
    const conversationId = `shared-${Math.random().toString(36).slice(2)}`;
    const viaFirst = new EmulatorClient(first.url, connector, { conversationId });
    const viaSecond = new EmulatorClient(second.url, connector, { conversationId });

    await viaFirst.say('Hallo');
    const [sprache, wohnen] = await Promise.all([viaFirst.say('Sprache'), viaSecond.say('Wohnen für Geflüchtete')]);
    expect(sprache.length).toBeGreaterThan(0);
    expect(wohnen.length).toBeGreaterThan(0);
    const warnings = [...first.logger.entries, ...second.logger.entries].filter((entry) => entry.level === 'warn');
    expect(warnings).toContainEqual(expect.objectContaining({ fields: expect.objectContaining({ conversationId, attempt: 1 }) }));

    // Both answers were applied one after the other: need and target group are known, the size is asked.
    const next = await viaFirst.say('hilfe');
    expect(next.map((reply) => reply.text).join('\n')).toContain(texts.help.size);
  });
});

describe('a state the storage could not read', () => {
  it('is said once at the start of the turn, which then goes on from a fresh start', async () => {
    const { storage, user } = await setUp();
    await user.say('Sprache');
    storage.unreadableNext = true;

    const replies = (await user.say('Frauen & Familien')).map((reply) => reply.text);

    expect(replies).toEqual([texts.stateUnreadable, expect.stringContaining(texts.ask.needs)]);
    expect((await user.say('Sprache')).map((reply) => reply.text)).toEqual([expect.stringContaining(texts.ask.size)]);
  });

  it('is said once also when the turn runs again after a conflict, whose first replies are discarded', async () => {
    const { storage, user } = await setUp();
    await user.say('Sprache');
    storage.unreadableNext = true;
    storage.conflictsToCome = 1;

    // The run again reads the state as stored now: here the search the user began.
    expect((await user.say('Frauen & Familien')).map((reply) => reply.text)).toEqual([
      texts.stateUnreadable,
      expect.stringContaining(texts.ask.size),
    ]);
  });
});
