import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenHost } from '../../src/config.js';
import { isLoopbackUrl } from '../../src/http/server.js';
import { texts } from '../../src/texts/chat.js';
import { startBotProcess } from '../support/botProcess.js';
import { EmulatorClient } from '../support/emulatorClient.js';
import { FakeConnector } from '../support/fakeConnector.js';
import { type TestBot, startTestBot } from '../support/testBot.js';

let connector: FakeConnector;
let bot: TestBot;
beforeAll(async () => {
  connector = await FakeConnector.start();
  bot = await startTestBot();
});
afterAll(async () => {
  await bot.close();
  await connector.close();
});

/** A request with a Host header of our choosing, which fetch does not allow. */
function rawRequest(base: string, options: { method: string; path: string; host: string }): Promise<{ status: number; body: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: url.hostname, port: url.port, path: options.path, method: options.method, headers: { Host: options.host } },
      (response) => {
        let body = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}

const post = (body: string, headers: Record<string, string>) => fetch(`${bot.url}/api/messages`, { method: 'POST', headers, body });

describe('a crafted @mention', () => {
  it('40 empty mentions of the bot with an empty text: answered at once, the bot stays up', async () => {
    const user = new EmulatorClient(bot.url, connector, { channelId: 'msteams', conversationType: 'groupChat' });
    const mentions = Array.from({ length: 40 }, () => ({ type: 'mention', mentioned: { id: 'bot-1', name: 'Förderlotse NRW' }, text: '' }));
    const replies = await user.exchange({ type: 'message', text: '', entities: mentions });
    expect(JSON.stringify(replies.at(-1))).toContain(texts.ask.needs);
    const health = await fetch(`${bot.url}/healthz`);
    expect(health.status).toBe(200);
  });
});

describe('only JSON is taken: a web page cannot send a turn cross-site', () => {
  it.each([
    ['a form', 'application/x-www-form-urlencoded', 'type=message&text=hallo'],
    ['plain text', 'text/plain', '{"type":"message"}'],
    ['multipart', 'multipart/form-data; boundary=x', '--x--'],
    ['a JSON look-alike', 'application/jsonp', '{}'],
    ['no type at all', '', '{}'],
  ])('%s → 415, and the bot does nothing', async (_case, contentType, body) => {
    const before = connector.attempts;
    const response = await post(body, contentType === '' ? {} : { 'Content-Type': contentType });
    expect(response.status).toBe(415);
    expect(await response.json()).toEqual({ error: 'unsupported_media_type', message: expect.stringContaining('JSON') });
    expect(connector.attempts).toBe(before);
  });

  it('a form that carries a whole activity is refused too', async () => {
    const user = new EmulatorClient(bot.url, connector);
    const form = new URLSearchParams(
      Object.entries(user.activity({ type: 'message', text: 'hallo' })).map(([key, value]): [string, string] => [
        key,
        JSON.stringify(value),
      ]),
    );
    const before = connector.attempts;
    const response = await fetch(`${bot.url}/api/messages`, { method: 'POST', body: form });
    expect(response.status).toBe(415);
    expect(connector.attempts).toBe(before);
  });

  it('JSON with a charset is fine', async () => {
    const user = new EmulatorClient(bot.url, connector);
    const response = await post(JSON.stringify(user.activity({ type: 'message', text: 'hallo' })), {
      'Content-Type': 'Application/JSON; charset=utf-8',
    });
    expect(response.status).toBe(200);
  });
});

describe('bodies that cost more than they weigh', () => {
  it('a gzip body (which would unpack past the size limit) gets 415 before it is read', async () => {
    const user = new EmulatorClient(bot.url, connector);
    const packed = gzipSync(JSON.stringify(user.activity({ type: 'message', text: 'x'.repeat(1_000_000) })));
    const before = connector.attempts;
    const response = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
      body: packed,
    });
    expect(response.status).toBe(415);
    expect(await response.json()).toEqual({ error: 'unsupported_media_type', message: expect.stringContaining('Komprimierte') });
    expect(connector.attempts).toBe(before);
  });

  it.each([
    ['from.id', { from: { id: 'u'.repeat(100_000) } }],
    ['conversation.id', { conversation: { id: 'c'.repeat(100_000) } }],
    ['channelId', { channelId: 'e'.repeat(10_000) }],
    ['from.name as an object', { from: { id: 'u', name: { deep: true } } }],
    ['conversation.conversationType as an object', { conversation: { id: 'c', conversationType: {} } }],
  ])('%s out of bounds or of the wrong type → 400', async (_case, fields) => {
    const user = new EmulatorClient(bot.url, connector);
    const response = await post(JSON.stringify(user.activity({ type: 'message', text: 'hallo', ...fields })), {
      'Content-Type': 'application/json',
    });
    expect(response.status).toBe(400);
  });
});

describe('Emulator mode (no app id) replies only to a connector on this machine', () => {
  it.each(['evil.example.org', 'evil.example.org:3978', '192.168.1.5'])(
    'a request naming host %s (DNS rebinding) gets 403',
    async (host) => {
      const { status, body } = await rawRequest(bot.url, { method: 'GET', path: '/healthz', host });
      expect(status).toBe(403);
      expect(JSON.parse(body)).toEqual({ error: 'host_not_allowed', message: expect.stringContaining('localhost') });
    },
  );

  it.each(['localhost:3978', '127.0.0.1', '[::1]:80'])('host %s is this machine', async (host) => {
    expect((await rawRequest(bot.url, { method: 'GET', path: '/healthz', host })).status).toBe(200);
  });

  it.each(['http://127.0.0.1:1/', 'http://localhost:3978', 'http://127.1.2.3', 'http://0x7f.0.0.1/', 'https://localhost'])(
    '%s counts as loopback',
    (address) => {
      expect(isLoopbackUrl(address)).toBe(true);
    },
  );

  it.each([
    'http://10.0.0.5/',
    'https://smba.trafficmanager.net/emea/',
    'http://127.0.0.1.nip.io/',
    'http://127.0.0.1@example.org/',
    'http://localhost.example.org/',
    'http://0.0.0.0:3978/',
    'http://[::ffff:8.8.8.8]/',
    // The Bot Framework's HTTP client cannot reach IPv6 loopback; refused rather than lost.
    'http://[::1]:80/x',
    'file:///etc/passwd',
    'ftp://127.0.0.1/',
    'kein url',
  ])('%s does not', (address) => {
    expect(isLoopbackUrl(address)).toBe(false);
  });

  it('a message naming another host as serviceUrl gets 403, and nothing is posted anywhere', async () => {
    const user = new EmulatorClient(bot.url, connector);
    const before = connector.attempts;
    const response = await post(
      JSON.stringify(user.activity({ type: 'message', text: 'hallo', serviceUrl: 'http://169.254.169.254/latest/' })),
      { 'Content-Type': 'application/json' },
    );
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: 'service_url_not_allowed', message: expect.stringContaining('Emulator-Modus') });
    expect(connector.attempts).toBe(before);
    expect(bot.logger.entries.filter((entry) => entry.message === 'activity handled')).not.toContainEqual(
      expect.objectContaining({ fields: expect.objectContaining({ conversationId: user.conversationId }) }),
    );
  });

  it('listens on 127.0.0.1 unless HOST is set; with an app id on every interface', () => {
    expect(listenHost({ HOST: undefined, MicrosoftAppId: undefined })).toBe('127.0.0.1');
    expect(listenHost({ HOST: undefined, MicrosoftAppId: 'app' })).toBe('0.0.0.0');
    expect(listenHost({ HOST: '0.0.0.0', MicrosoftAppId: undefined })).toBe('0.0.0.0');
  });

  it('the bot process without HOST is not reachable from the network; with HOST=0.0.0.0 it warns loudly', async () => {
    const local = await startBotProcess({ HOST: '', LOG_LEVEL: 'info' });
    try {
      const ready = local.log().find((entry) => entry.msg === 'ready');
      expect(ready?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/messages$/);
      const port = new URL(local.url).port;
      const outside = Object.values(networkInterfaces())
        .flat()
        .find((address) => address?.family === 'IPv4' && !address.internal)?.address;
      if (outside !== undefined) await expect(fetch(`http://${outside}:${port}/healthz`)).rejects.toThrow();
    } finally {
      await local.stop();
    }
    const open = await startBotProcess({ HOST: '0.0.0.0', LOG_LEVEL: 'info' });
    try {
      expect(open.log()).toContainEqual(
        expect.objectContaining({ level: 40, msg: expect.stringMatching(/^WARNING: .*authentication is OFF.*HOST/) }),
      );
    } finally {
      await open.stop();
    }
  }, 60_000);
});

describe('headers', () => {
  it.each([
    ['GET', '/healthz', undefined],
    ['HEAD', '/healthz', undefined],
    ['GET', '/gibt-es-nicht', undefined],
    ['POST', '/api/messages', '{"kaputt'],
    ['POST', '/api/messages', 'valid'],
    ['GET', '/tab', undefined],
    ['GET', '/api/programmes', undefined],
  ])('%s %s carries nosniff and a CSP, and names no product', async (method, path, body) => {
    const user = new EmulatorClient(bot.url, connector);
    const payload = body === 'valid' ? JSON.stringify(user.activity({ type: 'message', text: 'hallo' })) : body;
    const response = await fetch(`${bot.url}${path}`, {
      method,
      ...(payload === undefined ? {} : { body: payload, headers: { 'Content-Type': 'application/json' } }),
    });
    await response.arrayBuffer();
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toMatch(/default-src/);
    expect(response.headers.get('server')).toBeNull();
  });
});

describe('conversation updates of odd shape', () => {
  it.each([
    ['a string', 'alle'],
    ['an object', { id: 'user-1' }],
    ['a list with holes', [null, 7, { name: 'ohne id' }]],
  ])('membersAdded as %s is ignored: no apology, the search stays', async (_case, membersAdded) => {
    const user = new EmulatorClient(bot.url, connector);
    expect((await user.say('Sprachkurse für Geflüchtete')).at(-1)?.text).toContain(texts.ask.size);
    expect(await user.exchange({ type: 'conversationUpdate', membersAdded })).toEqual([]);
    expect((await user.say('8.000')).map((reply) => reply.text).join('\n')).toContain('Ich suche nach: Sprache');
  });
});
