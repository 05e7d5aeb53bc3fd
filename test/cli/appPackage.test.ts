import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inflateSync } from 'node:zlib';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Config, loadConfig } from '../../src/config.js';
import { buildAppPackage, fillManifest, type PackageSources, pngSize, readPackageSources } from '../../src/cli/appPackage.js';
import { bundledSchemaFile, MANIFEST_DIR, validateAgainstOfficialSchema } from '../../src/cli/packageCommand.js';

const BOT_ID = '2b6f1e1c-8f3a-4c55-9d2e-0a1b2c3d4e5f';
const TEAMS_APP_ID = '0c7d6a52-3f0e-4d1b-9a8c-5e4f3d2c1b0a';
const PUBLIC_URL = 'https://foerderlotse.kreis-beispiel.de';

/** Settings as src/config.ts parses them for packaging, from a plain environment (so no .env file is read). */
function configFrom(env: Record<string, string>): Config {
  const loaded = loadConfig({ env, envFile: 'no-such.env', purpose: 'package' });
  if (!loaded.ok) throw new Error(`test configuration invalid: ${loaded.problems.join('; ')}`);
  return loaded.config;
}

const CONFIG = configFrom({ MicrosoftAppId: BOT_ID, BOT_PUBLIC_URL: PUBLIC_URL, TEAMS_APP_ID, DEVELOPER_NAME: 'Kreis Beispiel' });

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function filledManifest(config: Config = CONFIG): JsonObject {
  const filled = fillManifest(sources.template, config);
  if (!filled.ok) throw new Error(filled.problems.join('; '));
  return JSON.parse(filled.manifestJson) as JsonObject;
}

/** Pixels of a non-interlaced 8-bit RGB or RGBA PNG, the format rsvg-convert writes; enough for our own icons. */
function decodePng(bytes: Uint8Array): { width: number; height: number; channels: 3 | 4; pixels: Uint8Array } {
  const buffer = Buffer.from(bytes);
  const width = buffer.readUInt32BE(16);
  const height = buffer.readUInt32BE(20);
  const [bitDepth, colourType, , , interlace] = buffer.subarray(24, 29);
  if (bitDepth !== 8 || (colourType !== 2 && colourType !== 6) || interlace !== 0)
    throw new Error(`unexpected PNG format: depth ${bitDepth}, colour type ${colourType}, interlace ${interlace}`);
  const channels = colourType === 6 ? 4 : 3;
  const compressed: Buffer[] = [];
  for (let offset = 8; offset < buffer.length;) {
    const length = buffer.readUInt32BE(offset);
    if (buffer.toString('ascii', offset + 4, offset + 8) === 'IDAT') compressed.push(buffer.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  const filtered = inflateSync(Buffer.concat(compressed));
  const stride = width * channels;
  const pixels = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = filtered[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const left = x >= channels ? pixels[y * stride + x - channels] : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const upLeft = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
      const paeth = () => {
        const estimate = left + up - upLeft;
        const [toLeft, toUp, toUpLeft] = [left, up, upLeft].map((value) => Math.abs(estimate - value));
        return toLeft <= toUp && toLeft <= toUpLeft ? left : toUp <= toUpLeft ? up : upLeft;
      };
      const predictor = [0, left, up, (left + up) >> 1, filter === 4 ? paeth() : 0][filter];
      pixels[y * stride + x] = (filtered[y * (stride + 1) + 1 + x] + predictor) & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

let sources: PackageSources;
beforeAll(async () => {
  sources = await readPackageSources(MANIFEST_DIR);
});

describe('manifest/manifest.json filled from the configuration', () => {
  it('passes the official Teams schema, checked offline against the copy @microsoft/app-manifest bundles', async () => {
    const filled = fillManifest(sources.template, CONFIG);
    if (!filled.ok) throw new Error(filled.problems.join('; '));
    expect(bundledSchemaFile(filled.manifest.$schema)).toBeDefined();
    expect(await validateAgainstOfficialSchema(filled.manifest)).toEqual([]);
  });

  it("uses schema 1.26, the version Microsoft's own templates ship and tenants accept (1.18 was never published)", () => {
    const manifest = filledManifest();
    expect(manifest.manifestVersion).toBe('1.26');
    expect(manifest.$schema).toBe('https://developer.microsoft.com/json-schemas/teams/v1.26/MicrosoftTeams.schema.json');
  });

  it('uses nothing newer than 1.19, so a tenant that lags behind can be served by lowering the version alone', async () => {
    const filled = fillManifest(sources.template, CONFIG);
    if (!filled.ok) throw new Error(filled.problems.join('; '));
    const older = {
      ...filled.manifest,
      manifestVersion: '1.19',
      $schema: 'https://developer.microsoft.com/json-schemas/teams/v1.19/MicrosoftTeams.schema.json',
    };
    expect(await validateAgainstOfficialSchema(older)).toEqual([]);
  });

  it('reports schema violations instead of hiding them', async () => {
    const filled = fillManifest(sources.template, CONFIG);
    if (!filled.ok) throw new Error(filled.problems.join('; '));
    const broken = { ...filled.manifest, name: { short: 'Förderlotse für Nordrhein-Westfalen' }, accentColor: 'grün' };
    const errors = await validateAgainstOfficialSchema(broken);
    expect(errors.join('\n')).toMatch(/\/name\/short must NOT have more than 30 characters/);
    expect(errors.join('\n')).toMatch(/\/accentColor must match pattern/);
  });

  it('fills in the bot id, app id, host and URLs everywhere and leaves no placeholder', () => {
    const manifest = filledManifest();
    const text = JSON.stringify(manifest);
    expect(text).not.toMatch(/\{\{|\}\}"/);
    expect(manifest.id).toBe(TEAMS_APP_ID);
    expect(manifest.bots).toMatchObject([{ botId: BOT_ID }]);
    expect(manifest.composeExtensions).toMatchObject([{ botId: BOT_ID }]);
    expect(manifest.validDomains).toEqual(['foerderlotse.kreis-beispiel.de']);
    expect(manifest.developer).toEqual({
      name: 'Kreis Beispiel',
      websiteUrl: PUBLIC_URL,
      privacyUrl: `${PUBLIC_URL}/datenschutz`,
      termsOfUseUrl: `${PUBLIC_URL}/nutzungsbedingungen`,
    });
    expect(manifest.staticTabs).toContainEqual({
      entityId: 'programme',
      name: 'Programme',
      contentUrl: `${PUBLIC_URL}/tab`,
      websiteUrl: `${PUBLIC_URL}/tab`,
      scopes: ['personal'],
    });
  });

  it('takes developer website, privacy and terms addresses from the configuration when they are set', () => {
    const manifest = filledManifest(
      configFrom({
        MicrosoftAppId: BOT_ID,
        BOT_PUBLIC_URL: PUBLIC_URL,
        DEVELOPER_WEBSITE_URL: 'https://www.kreis-beispiel.de/integration',
        PRIVACY_URL: 'https://www.kreis-beispiel.de/datenschutz',
        TERMS_URL: 'https://www.kreis-beispiel.de/impressum',
      }),
    );
    expect(manifest.developer).toEqual({
      name: 'Förderlotse NRW',
      websiteUrl: 'https://www.kreis-beispiel.de/integration',
      privacyUrl: 'https://www.kreis-beispiel.de/datenschutz',
      termsOfUseUrl: 'https://www.kreis-beispiel.de/impressum',
    });
    expect(manifest.id).toBe('19f983a9-4c6b-4658-b60c-d4a4b6270081');
  });

  it('keeps a port and a path prefix of BOT_PUBLIC_URL, and drops a trailing slash', () => {
    const manifest = filledManifest(
      configFrom({ MicrosoftAppId: BOT_ID, BOT_PUBLIC_URL: 'https://apps.kreis-beispiel.de:8443/foerderlotse/' }),
    );
    expect(manifest.validDomains).toEqual(['apps.kreis-beispiel.de:8443']);
    expect(manifest.staticTabs).toContainEqual(
      expect.objectContaining({ contentUrl: 'https://apps.kreis-beispiel.de:8443/foerderlotse/tab' }),
    );
    expect(manifest.developer).toMatchObject({ privacyUrl: 'https://apps.kreis-beispiel.de:8443/foerderlotse/datenschutz' });
  });

  it('keeps a developer name with quotes intact (values are filled into parsed JSON, not into its text)', () => {
    const manifest = filledManifest(
      configFrom({ MicrosoftAppId: BOT_ID, BOT_PUBLIC_URL: PUBLIC_URL, DEVELOPER_NAME: 'Kreis „Beispiel“ "KI"' }),
    );
    expect(manifest.developer).toMatchObject({ name: 'Kreis „Beispiel“ "KI"' });
  });

  it.each([
    ['name.short', 30, (manifest: JsonObject) => (manifest.name as JsonObject).short],
    ['name.full', 100, (manifest: JsonObject) => (manifest.name as JsonObject).full],
    ['description.short', 80, (manifest: JsonObject) => (manifest.description as JsonObject).short],
    ['description.full', 4000, (manifest: JsonObject) => (manifest.description as JsonObject).full],
  ])('keeps %s within Teams’ limit of %i characters', (_field, limit, read) => {
    const text = read(filledManifest());
    expect(typeof text).toBe('string');
    expect(String(text).length).toBeGreaterThan(0);
    expect(String(text).length).toBeLessThanOrEqual(limit);
  });

  it('is German: short name „Förderlotse NRW“, default language de-de', () => {
    const manifest = filledManifest();
    expect(manifest.name).toMatchObject({ short: 'Förderlotse NRW' });
    expect(manifest.localizationInfo).toEqual({ defaultLanguageTag: 'de-de' });
  });

  it('has a conversational bot for personal chats, group chats and teams, with „Hilfe“, „Neue Suche“, „Merkliste“ and „Benachrichtigungen aus“ in each scope', () => {
    const [bot] = filledManifest().bots as JsonObject[];
    expect(bot).toMatchObject({ scopes: ['personal', 'groupChat', 'team'], supportsFiles: false, isNotificationOnly: false });
    const commandLists = bot.commandLists as { scopes: string[]; commands: { title: string; description: string }[] }[];
    expect(commandLists.map((list) => list.scopes)).toEqual([['personal'], ['groupChat'], ['team']]);
    for (const list of commandLists) {
      expect(list.commands.map((command) => command.title)).toEqual(['Hilfe', 'Neue Suche', 'Merkliste', 'Benachrichtigungen aus']);
      for (const command of list.commands) expect(command.description.length).toBeGreaterThan(0);
    }
  });
});

describe('icons', () => {
  it.each([
    ['color.png', 192],
    ['outline.png', 32],
  ])('%s is %i pixels square', (file, size) => {
    expect(pngSize(readFileSync(join(MANIFEST_DIR, file)))).toEqual({ width: size, height: size });
  });

  it('outline.png has an alpha channel and only white or fully transparent pixels, as Teams requires', () => {
    const { channels, pixels } = decodePng(sources.outlineIcon);
    expect(channels).toBe(4);
    let visible = 0;
    let transparent = 0;
    for (let index = 0; index < pixels.length; index += 4) {
      const [red, green, blue, alpha] = pixels.subarray(index, index + 4);
      if (alpha === 0) transparent++;
      else {
        visible++;
        expect([red, green, blue], `pixel ${index / 4}`).toEqual([255, 255, 255]);
      }
    }
    // Neither empty nor a white square: a real symbol on a transparent background.
    expect(visible).toBeGreaterThan(100);
    expect(transparent).toBeGreaterThan(200);
  });

  it('color.png is an opaque square whose background is the manifest’s accentColor', () => {
    const { channels, pixels, width } = decodePng(sources.colorIcon);
    const accent = String(filledManifest().accentColor);
    const hex = (offset: number) =>
      `#${[...pixels.subarray(offset, offset + 3)].map((value) => value.toString(16).padStart(2, '0')).join('')}`.toUpperCase();
    expect(channels).toBe(3);
    const corners = [0, (width - 1) * channels, width * (width - 1) * channels, (width * width - 1) * channels];
    for (const corner of corners) expect(hex(corner)).toBe(accent.toUpperCase());
  });
});

describe('the app package zip', () => {
  it('holds exactly manifest.json, color.png and outline.png at its root, with the filled manifest and the icons', () => {
    const built = buildAppPackage(sources, CONFIG);
    if (!built.ok) throw new Error(built.problems.join('; '));
    const files = unzipSync(built.appPackage.zip);
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifestText = strFromU8(files['manifest.json']);
    expect(JSON.parse(manifestText)).toEqual(filledManifest());
    // Readable for an administrator who opens it: the template's key order, not the order of zod's output.
    expect(Object.keys(JSON.parse(manifestText) as JsonObject)).toEqual(Object.keys(sources.template as JsonObject));
    expect(files['color.png']).toEqual(new Uint8Array(readFileSync(join(MANIFEST_DIR, 'color.png'))));
    expect(files['outline.png']).toEqual(new Uint8Array(readFileSync(join(MANIFEST_DIR, 'outline.png'))));
  });

  it('is the same byte for byte when built twice from the same input', () => {
    const first = buildAppPackage(sources, CONFIG);
    const second = buildAppPackage(sources, CONFIG);
    if (!first.ok || !second.ok) throw new Error('package not built');
    expect(second.appPackage.zip).toEqual(first.appPackage.zip);
  });

  it('refuses an icon of the wrong size, naming the file', () => {
    const built = buildAppPackage({ ...sources, colorIcon: sources.outlineIcon }, CONFIG);
    expect(built).toEqual({ ok: false, problems: ['color.png muss 192 × 192 Pixel groß sein, ist aber 32 × 32.'] });
  });
});

describe('missing or unusable settings', () => {
  it.each([
    ['no MicrosoftAppId', { BOT_PUBLIC_URL: PUBLIC_URL }, ['MicrosoftAppId fehlt: ']],
    ['no BOT_PUBLIC_URL', { MicrosoftAppId: BOT_ID }, ['BOT_PUBLIC_URL fehlt: ']],
    ['neither', {}, ['MicrosoftAppId fehlt: ', 'BOT_PUBLIC_URL fehlt: ']],
    [
      'a MicrosoftAppId that is no GUID',
      { MicrosoftAppId: 'foerderlotse-bot', BOT_PUBLIC_URL: PUBLIC_URL },
      ['MicrosoftAppId muss eine GUID sein'],
    ],
  ])('%s: the package is not built and the message names the setting', (_case, env, expected) => {
    const built = buildAppPackage(sources, configFrom(env));
    expect(built.ok).toBe(false);
    const problems = built.ok ? [] : built.problems;
    expect(problems).toHaveLength(expected.length);
    expected.forEach((start, index) => expect(problems[index]).toContain(start));
  });

  it('says what to enter for a missing BOT_PUBLIC_URL', () => {
    expect(buildAppPackage(sources, configFrom({ MicrosoftAppId: BOT_ID }))).toEqual({
      ok: false,
      problems: [
        'BOT_PUBLIC_URL fehlt: Tragen Sie die öffentliche https-Adresse des Bots ein, z. B. https://foerderlotse.kreis-beispiel.de. Teams lädt von dort den Tab „Programme“.',
      ],
    });
  });
});

describe('npm run package', () => {
  const run = promisify(execFile);
  // Every package setting is given explicitly (empty = unset), so a developer's .env cannot change the outcome.
  const packageEnv = (settings: Record<string, string>) => ({
    ...process.env,
    MicrosoftAppId: '',
    MicrosoftAppPassword: 'geheim',
    MicrosoftAppType: 'MultiTenant',
    BOT_PUBLIC_URL: '',
    TEAMS_APP_ID: '',
    DEVELOPER_NAME: '',
    DEVELOPER_WEBSITE_URL: '',
    PRIVACY_URL: '',
    TERMS_URL: '',
    ...settings,
  });
  const cli = async (args: string[], settings: Record<string, string>) => {
    try {
      const { stdout, stderr } = await run(join('node_modules', '.bin', 'tsx'), ['src/cli/packageCommand.ts', ...args], {
        encoding: 'utf8',
        env: packageEnv(settings),
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failure = error as { code: number; stdout: string; stderr: string };
      return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
    }
  };

  it('writes the zip and says where it is and how to upload it', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'teams-package-'));
    const out = join(folder, 'foerderlotse-nrw.zip');
    try {
      const { code, stdout } = await cli(['--out', out], { MicrosoftAppId: BOT_ID, BOT_PUBLIC_URL: PUBLIC_URL });
      expect(code).toBe(0);
      expect(stdout).toContain(`Teams-App-Paket erstellt: ${out}`);
      expect(stdout).toContain('App hochladen');
      expect(stdout).toContain(`${PUBLIC_URL}/api/messages`);
      const manifest = JSON.parse(strFromU8(unzipSync(new Uint8Array(readFileSync(out)))['manifest.json'])) as JsonObject;
      expect(manifest.bots).toMatchObject([{ botId: BOT_ID }]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('exits non-zero and names the missing setting', async () => {
    const { code, stdout, stderr } = await cli([], { MicrosoftAppId: BOT_ID });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('BOT_PUBLIC_URL fehlt');
  });
});
