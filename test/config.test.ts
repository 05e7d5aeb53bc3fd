import { ConversationState, MemoryStorage } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { createAdapter } from '../src/bot/adapter.js';
import { DEFAULT_TEAMS_APP_ID, loadConfig } from '../src/config.js';
import { recordingLogger } from './support/testBot.js';

const load = (env: Record<string, string | undefined>) => loadConfig({ env, envFile: 'no-such.env' });

describe('configuration', () => {
  it('has defaults for local use with the Emulator', () => {
    const result = load({});
    expect(result).toEqual({
      ok: true,
      config: {
        PORT: 3978,
        NODE_ENV: 'development',
        ALLOW_ANONYMOUS: false,
        MicrosoftAppType: 'MultiTenant',
        PROGRAMMES_FILE: 'data/programmes.json',
        MUNICIPALITIES_FILE: 'data/municipalities.json',
        RESULTS_PER_PAGE: 5,
        TIME_ZONE: 'Europe/Berlin',
        REMINDER_DAYS: [14, 3],
        NOTIFY_INTERVAL_MINUTES: 60,
        MAX_TURNS_IN_FLIGHT: 64,
        STATE_STORAGE: 'file',
        STATE_DIR: '.state',
        STATE_CONTAINER: 'foerderlotse-state',
        TEAMS_APP_ID: DEFAULT_TEAMS_APP_ID,
        DEVELOPER_NAME: 'Förderlotse NRW',
        LOG_MESSAGE_TEXT: false,
        LOG_LEVEL: 'info',
      },
    });
  });

  it('treats empty values from a .env file as not set', () => {
    const result = load({ PORT: '', MicrosoftAppId: '', MicrosoftAppType: '', LOG_LEVEL: ' ' });
    expect(result.ok && result.config).toMatchObject({ PORT: 3978, MicrosoftAppType: 'MultiTenant', LOG_LEVEL: 'info' });
    expect(result.ok && result.config.MicrosoftAppId).toBeUndefined();
  });

  it.each([
    { env: { PORT: 'abc' }, variable: 'PORT' },
    { env: { PORT: '70000' }, variable: 'PORT' },
    { env: { RESULTS_PER_PAGE: '11' }, variable: 'RESULTS_PER_PAGE' },
    { env: { MicrosoftAppType: 'Anyone' }, variable: 'MicrosoftAppType' },
    { env: { TIME_ZONE: 'Mars/Olympus' }, variable: 'TIME_ZONE' },
    { env: { LOG_LEVEL: 'loud' }, variable: 'LOG_LEVEL' },
    { env: { BOT_PUBLIC_URL: 'http://bot.example.org' }, variable: 'BOT_PUBLIC_URL' },
    { env: { TEAMS_APP_ID: 'foerderlotse' }, variable: 'TEAMS_APP_ID' },
    { env: { REMINDER_DAYS: 'x' }, variable: 'REMINDER_DAYS' },
    { env: { REMINDER_DAYS: '14;3' }, variable: 'REMINDER_DAYS' },
    { env: { REMINDER_DAYS: '14,' }, variable: 'REMINDER_DAYS' },
    { env: { REMINDER_DAYS: '-3' }, variable: 'REMINDER_DAYS' },
    { env: { NOTIFY_INTERVAL_MINUTES: '-1' }, variable: 'NOTIFY_INTERVAL_MINUTES' },
    { env: { NOTIFY_INTERVAL_MINUTES: '1441' }, variable: 'NOTIFY_INTERVAL_MINUTES' },
    { env: { NOTIFY_INTERVAL_MINUTES: '1.5' }, variable: 'NOTIFY_INTERVAL_MINUTES' },
    { env: { NOTIFY_INTERVAL_MINUTES: 'stündlich' }, variable: 'NOTIFY_INTERVAL_MINUTES' },
    { env: { STATE_STORAGE: 'redis' }, variable: 'STATE_STORAGE' },
    { env: { STATE_STORAGE: 'blob' }, variable: 'AZURE_STORAGE_CONNECTION_STRING' },
    { env: { STATE_CONTAINER: 'Förder_Lotse' }, variable: 'STATE_CONTAINER' },
    { env: { MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret', MicrosoftAppType: 'SingleTenant' }, variable: 'MicrosoftAppTenantId' },
    { env: { MicrosoftAppId: 'app' }, variable: 'MicrosoftAppPassword' },
    { env: { MicrosoftAppType: 'SingleTenant' }, variable: 'MicrosoftAppId' },
  ])('a bad $variable stops start-up with a message naming it', ({ env, variable }) => {
    const result = load(env);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems.join('\n')).toMatch(new RegExp(`^${variable}: `, 'm'));
  });

  it.each([
    [{ MicrosoftAppType: 'SingleTenant' }, ['MicrosoftAppId', 'MicrosoftAppTenantId', 'MicrosoftAppPassword']],
    [{ MicrosoftAppType: 'SingleTenant', MicrosoftAppId: 'app', MicrosoftAppPassword: 'geheim' }, ['MicrosoftAppTenantId']],
    [{ MicrosoftAppType: 'SingleTenant', MicrosoftAppId: 'app', MicrosoftAppTenantId: 'tenant' }, ['MicrosoftAppPassword']],
    [{ MicrosoftAppType: 'UserAssignedMSI' }, ['MicrosoftAppId', 'MicrosoftAppTenantId']],
    [
      { MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppId: 'client', MicrosoftAppTenantId: 'tenant', MicrosoftAppPassword: 'geheim' },
      ['MicrosoftAppPassword'],
    ],
    [{ MicrosoftAppPassword: 'geheim' }, ['MicrosoftAppId']],
  ])('a half-configured registration %o names %o', (env, variables) => {
    const result = load(env);
    const named = result.ok ? [] : result.problems.map((problem) => problem.split(':')[0]);
    expect(named).toEqual(variables);
  });

  it('every combination of registration settings it lets through, the Bot Framework SDK takes too', () => {
    const values = {
      MicrosoftAppId: ['', 'app'],
      MicrosoftAppPassword: ['', 'geheim'],
      MicrosoftAppTenantId: ['', 'tenant'],
      MicrosoftAppType: ['', 'MultiTenant', 'SingleTenant', 'UserAssignedMSI'],
    };
    let accepted = 0;
    for (const appId of values.MicrosoftAppId)
      for (const password of values.MicrosoftAppPassword)
        for (const tenant of values.MicrosoftAppTenantId)
          for (const type of values.MicrosoftAppType) {
            const result = load({
              MicrosoftAppId: appId,
              MicrosoftAppPassword: password,
              MicrosoftAppTenantId: tenant,
              MicrosoftAppType: type,
            });
            if (!result.ok) continue;
            accepted += 1;
            const { config } = result;
            expect(
              () => createAdapter(config, new ConversationState(new MemoryStorage()), recordingLogger()),
              JSON.stringify({ appId, password, tenant, type }),
            ).not.toThrow();
          }
    expect(accepted).toBeGreaterThanOrEqual(5);
  });

  it('reads the reminder days as a list, largest first and each once', () => {
    const result = load({ REMINDER_DAYS: '3, 14,3' });
    expect(result.ok && result.config.REMINDER_DAYS).toEqual([14, 3]);
    expect(load({ REMINDER_DAYS: ' 7 ' })).toMatchObject({ ok: true, config: { REMINDER_DAYS: [7] } });
  });

  it('explains a bad reminder list in German, naming REMINDER_DAYS', () => {
    const result = load({ REMINDER_DAYS: 'x' });
    expect(result.ok ? [] : result.problems).toEqual(['REMINDER_DAYS: muss eine Liste von Tagen sein, z. B. 14,3']);
  });

  it.each([
    { value: '0', minutes: 0 },
    { value: '1440', minutes: 1440 },
    { value: '15', minutes: 15 },
  ])('accepts NOTIFY_INTERVAL_MINUTES=$value', ({ value, minutes }) => {
    const result = load({ NOTIFY_INTERVAL_MINUTES: value });
    expect(result.ok && result.config.NOTIFY_INTERVAL_MINUTES).toBe(minutes);
  });

  it('in production refuses to run without credentials, unless anonymous mode is allowed explicitly', () => {
    const refused = load({ NODE_ENV: 'production' });
    expect(refused.ok ? [] : refused.problems.join('\n')).toMatch(/^MicrosoftAppId: fehlt: Im Betrieb \(NODE_ENV=production\)/m);
    expect(load({ NODE_ENV: 'production', ALLOW_ANONYMOUS: 'true' }).ok).toBe(true);
    expect(load({ NODE_ENV: 'production', ALLOW_ANONYMOUS: 'ja' }).ok).toBe(false);
  });

  it('accepts a complete single-tenant registration', () => {
    const result = load({
      MicrosoftAppId: 'app',
      MicrosoftAppPassword: 'secret',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: 'tenant',
    });
    expect(result.ok).toBe(true);
  });
});
