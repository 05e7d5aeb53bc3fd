import { MemoryStorage, type StoreItems } from 'botbuilder';
import { afterEach, describe, expect, it } from 'vitest';
import { texts } from '../src/texts/de.js';
import { EmulatorClient } from './support/emulatorClient.js';
import { FakeConnector } from './support/fakeConnector.js';
import { startTestBot } from './support/testBot.js';

/** Memory storage that can be switched off, like a full disk or an unreachable storage account. */
class FailingStorage extends MemoryStorage {
  failing = false;
  override async read(keys: string[]): Promise<StoreItems> {
    if (this.failing) throw new Error('ENOSPC: no space left on device');
    return super.read(keys);
  }
  override async write(changes: StoreItems): Promise<void> {
    if (this.failing) throw new Error('ENOSPC: no space left on device');
    return super.write(changes);
  }
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setUp() {
  const storage = new FailingStorage();
  const connector = await FakeConnector.start();
  const bot = await startTestBot({ storage });
  cleanups.push(bot.close, () => connector.close());
  return { storage, connector, bot, user: new EmulatorClient(bot.url, connector) };
}

describe('when the channel stays down', () => {
  it('ends the turn with a logged error and keeps the search, so the next message continues it', async () => {
    const { connector, bot, user } = await setUp();
    await user.say('Sprache');
    // As many refusals as tries: the replies to this turn never arrive.
    connector.refuseNext(...Array.from({ length: 4 }, () => ({ status: 429 })));
    const response = await user.post(user.activity({ type: 'message', text: 'Geflüchtete' }));
    expect(response.status).toBe(200);
    expect(bot.logger.entries).toContainEqual(expect.objectContaining({ level: 'error', message: 'replies not delivered; the conversation state is kept' }));

    // The channel is back: the answer given while it was down still counts.
    expect((await user.say('hilfe')).map((reply) => reply.text).join('\n')).toContain(texts.help.size);
  });
});

describe('when the state store fails', () => {
  it('logs it, apologises briefly and keeps what was saved before', async () => {
    const { storage, bot, user } = await setUp();
    await user.say('Sprache');
    storage.failing = true;
    expect((await user.say('Geflüchtete')).map((reply) => reply.text)).toEqual([texts.storageDown]);
    expect(bot.logger.entries).toContainEqual(expect.objectContaining({ level: 'error' }));

    storage.failing = false;
    // Nothing of the failed turn was saved: the bot still asks for the target group.
    expect((await user.say('hilfe')).map((reply) => reply.text).join('\n')).toContain(texts.help.targetGroups);
  });
});
