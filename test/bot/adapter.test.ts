import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { reuseConnectorClients } from '../../src/bot/adapter.js';

type Activity = Parameters<ConfigurationBotFrameworkAuthentication['authenticateRequest']>[0];
const activity = (serviceUrl: string) => ({ type: 'message', serviceUrl, channelId: 'emulator' }) as unknown as Activity;

describe('connector clients', () => {
  it('are made once per service URL and reused by every later turn', async () => {
    const authentication = reuseConnectorClients(new ConfigurationBotFrameworkAuthentication({}));
    const clientFor = async (serviceUrl: string) => {
      const { connectorFactory } = await authentication.authenticateRequest(activity(serviceUrl), '');
      return connectorFactory?.create(serviceUrl, undefined);
    };
    const first = await clientFor('http://127.0.0.1:4000');
    expect(first).toBeDefined();
    expect(await clientFor('http://127.0.0.1:4000')).toBe(first);
    expect(await clientFor('http://127.0.0.1:4001')).not.toBe(first);
  });

  it('keep at most 64, forgetting the oldest', async () => {
    const authentication = reuseConnectorClients(new ConfigurationBotFrameworkAuthentication({}));
    const factory = (await authentication.authenticateRequest(activity('http://127.0.0.1:1'), '')).connectorFactory;
    const first = await factory?.create('http://127.0.0.1:1', undefined);
    for (let port = 2; port <= 65; port += 1) await factory?.create(`http://127.0.0.1:${port}`, undefined);
    expect(await factory?.create('http://127.0.0.1:1', undefined)).not.toBe(first);
  });
});
