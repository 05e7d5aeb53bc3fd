import { existsSync } from 'node:fs';
import { z } from 'zod';

/** The only place that reads the environment: every setting, its default and its check. */

// An empty line in .env (`MicrosoftAppId=`) means "not set", as it does for the Bot Framework tools.
const unsetIfBlank = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema);

const optionalText = unsetIfBlank(z.string().trim().optional());
const httpsUrl = z.url({ protocol: /^https$/, error: 'muss eine https-Adresse sein' }).transform((url) => url.replace(/\/+$/, ''));

/** The Teams app's own id; one per deployment, so a second installation can use its own. */
export const DEFAULT_TEAMS_APP_ID = '19f983a9-4c6b-4658-b60c-d4a4b6270081';

/** Every setting with its default and check, one by one. */
const SettingsSchema = z.object({
  PORT: unsetIfBlank(z.coerce.number().int().min(0).max(65_535).default(3978)),
  // Unset: every interface with authentication on, only this machine without (see listenHost).
  HOST: unsetIfBlank(z.string().trim().min(1).optional()),
  NODE_ENV: unsetIfBlank(z.enum(['development', 'production', 'test']).default('development')),
  ALLOW_ANONYMOUS: unsetIfBlank(
    z
      .enum(['true', 'false'], { error: 'muss true oder false sein' })
      .default('false')
      .transform((value) => value === 'true'),
  ),
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: unsetIfBlank(z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant')),
  MicrosoftAppTenantId: optionalText,
  PROGRAMMES_FILE: unsetIfBlank(z.string().trim().min(1).default('data/programmes.json')),
  MUNICIPALITIES_FILE: unsetIfBlank(z.string().trim().min(1).default('data/municipalities.json')),
  RESULTS_PER_PAGE: unsetIfBlank(z.coerce.number().int().min(1).max(10).default(5)),
  TIME_ZONE: unsetIfBlank(
    z
      .string()
      .refine((zone) => {
        try {
          new Intl.DateTimeFormat('de-DE', { timeZone: zone });
          return true;
        } catch {
          return false;
        }
      }, 'muss eine IANA-Zeitzone sein, z. B. Europe/Berlin')
      .default('Europe/Berlin'),
  ),
  REMINDER_DAYS: unsetIfBlank(
    z
      .string()
      .regex(/^\s*\d{1,3}(\s*,\s*\d{1,3})*\s*$/, { error: 'muss eine Liste von Tagen sein, z. B. 14,3' })
      .default('14,3')
      .transform((list) => [...new Set(list.split(',').map((days) => Number(days.trim())))].sort((a, b) => b - a)),
  ),
  MAX_TURNS_IN_FLIGHT: unsetIfBlank(z.coerce.number().int().min(1).max(10_000).default(64)),
  NOTIFY_INTERVAL_MINUTES: unsetIfBlank(
    z.coerce
      .number()
      .int()
      .min(0)
      .max(24 * 60)
      .default(60),
  ),
  STATE_STORAGE: unsetIfBlank(z.enum(['file', 'memory', 'blob']).default('file')),
  STATE_DIR: unsetIfBlank(z.string().trim().min(1).default('.state')),
  AZURE_STORAGE_CONNECTION_STRING: optionalText,
  STATE_CONTAINER: unsetIfBlank(
    z
      .string()
      .regex(
        /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$/,
        'muss ein Container-Name aus 3–63 Kleinbuchstaben, Ziffern und Bindestrichen sein',
      )
      .default('foerderlotse-state'),
  ),
  BOT_PUBLIC_URL: unsetIfBlank(httpsUrl.optional()),
  /** Signs the chat's download links; the same on every instance, or links work only on the one that made them. */
  EXPORT_LINK_SECRET: unsetIfBlank(z.string().min(32, 'muss mindestens 32 Zeichen lang sein').optional()),
  TEAMS_APP_ID: unsetIfBlank(z.uuid({ error: 'muss eine GUID sein' }).default(DEFAULT_TEAMS_APP_ID)),
  DEVELOPER_NAME: unsetIfBlank(z.string().trim().min(1).max(32).default('Förderlotse NRW')),
  DEVELOPER_WEBSITE_URL: unsetIfBlank(httpsUrl.optional()),
  PRIVACY_URL: unsetIfBlank(httpsUrl.optional()),
  TERMS_URL: unsetIfBlank(httpsUrl.optional()),
  LOG_MESSAGE_TEXT: unsetIfBlank(
    z
      .enum(['true', 'false'], { error: 'muss true oder false sein' })
      .default('false')
      .transform((value) => value === 'true'),
  ),
  LOG_LEVEL: unsetIfBlank(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
});

/** The settings the bot runs with: also checked together, so that a half-configured registration stops start-up. */
export const ConfigSchema = SettingsSchema.superRefine((config, context) => {
  if (config.NODE_ENV === 'production' && config.MicrosoftAppId === undefined && !config.ALLOW_ANONYMOUS) {
    context.addIssue({
      code: 'custom',
      path: ['MicrosoftAppId'],
      message:
        'fehlt: Im Betrieb (NODE_ENV=production) nimmt der Bot ohne Anmeldung keine Nachrichten ' +
        'an. Tragen Sie die App-Id ein oder setzen Sie ausdrücklich ALLOW_ANONYMOUS=true.',
    });
  }
  for (const problem of registrationProblems(config))
    context.addIssue({ code: 'custom', path: [problem.variable], message: problem.message });
  if (config.STATE_STORAGE === 'blob' && config.AZURE_STORAGE_CONNECTION_STRING === undefined) {
    context.addIssue({ code: 'custom', path: ['AZURE_STORAGE_CONNECTION_STRING'], message: 'ist für STATE_STORAGE=blob nötig' });
  }
});

type Registration = Pick<
  z.infer<typeof SettingsSchema>,
  'MicrosoftAppId' | 'MicrosoftAppPassword' | 'MicrosoftAppType' | 'MicrosoftAppTenantId'
>;

/**
 * What the Bot Framework SDK would refuse with an English assertion at start-up, said first and in
 * German. MultiTenant without an app id is the Emulator mode; the other two types need one.
 */
function registrationProblems(config: Registration): { variable: keyof Registration; message: string }[] {
  const { MicrosoftAppId: appId, MicrosoftAppPassword: password, MicrosoftAppTenantId: tenant, MicrosoftAppType: type } = config;
  const problems: { variable: keyof Registration; message: string }[] = [];
  const need = (variable: keyof Registration, why: string) => problems.push({ variable, message: `fehlt – ${why}` });
  switch (type) {
    case 'MultiTenant':
      if (appId !== undefined && password === undefined)
        need('MicrosoftAppPassword', 'nötig, wenn MicrosoftAppId gesetzt ist (das Client-Secret).');
      if (appId === undefined && password !== undefined)
        need(
          'MicrosoftAppId',
          'MicrosoftAppPassword ist gesetzt, die App-Id dazu nicht. Tragen Sie beide ein oder lassen Sie beide leer (Emulator-Modus).',
        );
      break;
    case 'SingleTenant':
      if (appId === undefined)
        need('MicrosoftAppId', 'für MicrosoftAppType=SingleTenant nötig. Für den Emulator lassen Sie MicrosoftAppType leer.');
      if (tenant === undefined)
        need('MicrosoftAppTenantId', 'für MicrosoftAppType=SingleTenant nötig (die Verzeichnis-Id Ihres Mandanten).');
      if (password === undefined) need('MicrosoftAppPassword', 'für MicrosoftAppType=SingleTenant nötig (das Client-Secret).');
      break;
    case 'UserAssignedMSI':
      if (appId === undefined)
        need('MicrosoftAppId', 'für MicrosoftAppType=UserAssignedMSI nötig (die Client-Id der verwalteten Identität).');
      if (tenant === undefined)
        need('MicrosoftAppTenantId', 'für MicrosoftAppType=UserAssignedMSI nötig (die Verzeichnis-Id Ihres Mandanten).');
      if (password !== undefined)
        problems.push({
          variable: 'MicrosoftAppPassword',
          message: 'muss bei MicrosoftAppType=UserAssignedMSI leer bleiben: die verwaltete Identität braucht kein Secret.',
        });
      break;
  }
  return problems;
}

export type Config = z.infer<typeof ConfigSchema>;

/** True for the names and addresses of this machine only. */
export const isLoopbackHost = (host: string): boolean => host === 'localhost' || host === '::1' || host.startsWith('127.');

/**
 * Where the server listens. Without a Microsoft app id nobody is authenticated (Emulator mode), so
 * by default only this machine may talk to the bot; with one, every interface, as a host expects.
 */
export const listenHost = (config: Pick<Config, 'HOST' | 'MicrosoftAppId'>): string =>
  config.HOST ?? (config.MicrosoftAppId === undefined ? '127.0.0.1' : '0.0.0.0');

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/**
 * Reads settings from `env`, after filling in what an optional `.env` file says and `env` does not.
 * Building the Teams package needs the app id but not its secret, so it skips the checks across settings.
 */
export function loadConfig({
  env = process.env,
  envFile = '.env',
  purpose = 'bot',
}: { env?: NodeJS.ProcessEnv; envFile?: string; purpose?: 'bot' | 'package' } = {}): ConfigResult {
  if (env === process.env && existsSync(envFile)) process.loadEnvFile(envFile);
  const parsed = (purpose === 'bot' ? ConfigSchema : SettingsSchema).safeParse(env, { error: z.locales.de().localeError });
  if (parsed.success) return { ok: true, config: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'Konfiguration'}: ${issue.message}`) };
}
