import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmulatorClient } from '../support/emulatorClient.js';
import { FakeConnector } from '../support/fakeConnector.js';
import { type TestBot, startTestBot } from '../support/testBot.js';

const APP_ID = '2b6f1e1c-8f3a-4c55-9d2e-0a1b2c3d4e5f';
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

let connector: FakeConnector;
let bot: TestBot;
beforeAll(async () => {
  connector = await FakeConnector.start();
  bot = await startTestBot({
    env: {
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'geheim',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: '6c1b3a2d-1111-4a4a-9b9b-2c2c2c2c2c2c',
    },
  });
});
afterAll(async () => {
  await bot.close();
  await connector.close();
});

describe('with MicrosoftAppId set, only requests with a valid Bot Framework token get in', () => {
  // Well-formed, unexpired, for this bot, but signed by nobody the bot trusts; the signing keys cannot even be fetched here.
  const forged = () =>
    `${base64url({ alg: 'RS256', typ: 'JWT', kid: 'unbekannt' })}.${base64url({ iss: 'https://api.botframework.com', aud: APP_ID, exp: Math.floor(Date.now() / 1000) + 600, serviceurl: connector.url })}.c2lnbmF0dXI`;

  it.each([
    ['no Authorization header', () => undefined],
    ['an empty bearer', () => 'Bearer'],
    ['a malformed token', () => 'Bearer kein.jwt'],
    ['another scheme', () => 'Basic dXNlcjpwYXNzd29yZA=='],
    ['a token that fails validation (and fails closed without network)', forged],
  ])('%s → 401, and the bot does nothing', async (_case, authorization) => {
    const user = new EmulatorClient(bot.url, connector, { channelId: 'msteams' });
    const before = connector.attempts;
    const token = authorization();
    const response = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token === undefined ? {} : { Authorization: token }) },
      body: JSON.stringify(user.activity({ type: 'message', text: 'Sprachkurse für Geflüchtete' })),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'unauthorized', message: 'Anfrage ohne gültige Bot-Framework-Anmeldung.' });
    expect(connector.attempts).toBe(before);
  });
});
