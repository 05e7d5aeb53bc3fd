import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeConnector } from '../support/fakeConnector.js';
import { soak } from '../support/soak.js';
import { type TestBot, startTestBot } from '../support/testBot.js';

let connector: FakeConnector;
let bot: TestBot;
beforeAll(async () => {
  connector = await FakeConnector.start();
  // Users of the soak run type faster than people: the flood limit would slow them down on purpose.
  bot = await startTestBot({ floodLimit: { burst: 1000, perSecond: 1000 } });
});
afterAll(async () => {
  await bot.close();
  await connector.close();
});

describe('many conversations at once (short soak; npm run soak runs longer)', () => {
  it('loses no answer and mixes none up: each conversation gets exactly what its own inputs call for', async () => {
    const report = await soak({ botUrl: bot.url, connector, conversations: 40, rounds: 3 });
    expect(report).toMatchObject({ turns: 40 * 3 * 4, errors: 0, lost: 0, mixedUp: 0 });
  }, 60_000);
});
