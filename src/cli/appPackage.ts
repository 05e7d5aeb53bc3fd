import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { z } from 'zod';
import type { Config } from '../config.js';
import { packageTexts } from '../texts/cli.js';

/**
 * The Teams app package: manifest/manifest.json with its placeholders filled from the configuration, plus the two
 * icons, zipped at the root as Teams expects. Everything here is pure except `readPackageSources`.
 */

/** Pages the bot serves itself when PRIVACY_URL or TERMS_URL is not set; the server must answer on these paths. */
export const PRIVACY_PATH = '/datenschutz';
export const TERMS_PATH = '/nutzungsbedingungen';

/** The sizes Teams requires: the colour icon at 192 × 192, the outline icon (app bar) at 32 × 32. */
export const ICON_SIZES = { color: 192, outline: 32 } as const;

/** The settings the package needs, as src/config.ts parsed them. */
export type PackageSettings = Pick<
  Config,
  'MicrosoftAppId' | 'BOT_PUBLIC_URL' | 'TEAMS_APP_ID' | 'DEVELOPER_NAME' | 'DEVELOPER_WEBSITE_URL' | 'PRIVACY_URL' | 'TERMS_URL'
>;

// Optional for the bot (Emulator mode), required for a package: Teams needs the bot's id and the tab's address.
const RequiredSettingsSchema = z.object({
  MicrosoftAppId: z.guid({ error: (issue) => (issue.input === undefined ? packageTexts.appIdMissing : packageTexts.appIdNotGuid) }),
  BOT_PUBLIC_URL: z
    .url({
      protocol: /^https$/,
      error: (issue) => (issue.input === undefined ? packageTexts.publicUrlMissing : packageTexts.publicUrlNotHttps),
    })
    .transform((url) => url.replace(/\/+$/, '')),
});

/** The parts of the manifest this code reads; the official JSON schema checks the rest. */
export const ManifestSchema = z.looseObject({
  $schema: z.url(),
  manifestVersion: z.string(),
  version: z.string(),
  name: z.looseObject({ short: z.string() }),
  icons: z.looseObject({ color: z.string().min(1), outline: z.string().min(1) }),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** The placeholders manifest/manifest.json may use, written `{{NAME}}`. */
export const PLACEHOLDERS = [
  'TEAMS_APP_ID',
  'BOT_ID',
  'BOT_PUBLIC_URL',
  'BOT_HOST',
  'DEVELOPER_NAME',
  'DEVELOPER_WEBSITE_URL',
  'PRIVACY_URL',
  'TERMS_URL',
] as const;
export type ManifestValues = Record<(typeof PLACEHOLDERS)[number], string>;

/** What the build reads from manifest/: the template as parsed JSON and the bytes of both icons. */
export type PackageSources = { template: unknown; colorIcon: Uint8Array; outlineIcon: Uint8Array };

export type AppPackage = { manifest: Manifest; values: ManifestValues; zip: Uint8Array };

/** `manifestJson` is the file as it goes into the package, keys in the template's order (zod's output puts known keys first). */
export type ManifestResult =
  { ok: true; manifest: Manifest; manifestJson: string; values: ManifestValues } | { ok: false; problems: string[] };
export type PackageResult = { ok: true; appPackage: AppPackage } | { ok: false; problems: string[] };

/** The values for the placeholders, with the bot's own pages standing in for unset developer, privacy and terms URLs. */
export function manifestValues(settings: PackageSettings): { ok: true; values: ManifestValues } | { ok: false; problems: string[] } {
  const parsed = RequiredSettingsSchema.safeParse(settings);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((issue) => issue.message) };
  const { MicrosoftAppId, BOT_PUBLIC_URL } = parsed.data;
  return {
    ok: true,
    values: {
      TEAMS_APP_ID: settings.TEAMS_APP_ID,
      BOT_ID: MicrosoftAppId,
      BOT_PUBLIC_URL,
      // `host` keeps a non-standard port, which Teams needs to load the tab from it.
      BOT_HOST: new URL(BOT_PUBLIC_URL).host,
      DEVELOPER_NAME: settings.DEVELOPER_NAME,
      DEVELOPER_WEBSITE_URL: settings.DEVELOPER_WEBSITE_URL ?? BOT_PUBLIC_URL,
      PRIVACY_URL: settings.PRIVACY_URL ?? `${BOT_PUBLIC_URL}${PRIVACY_PATH}`,
      TERMS_URL: settings.TERMS_URL ?? `${BOT_PUBLIC_URL}${TERMS_PATH}`,
    },
  };
}

const PLACEHOLDER = /\{\{(\w+)\}\}/g;

function isPlaceholder(name: string): name is keyof ManifestValues {
  return (PLACEHOLDERS as readonly string[]).includes(name);
}

// Filling parsed strings, not the raw file text, keeps values with quotes or backslashes valid JSON.
function fillStrings(value: unknown, values: ManifestValues): unknown {
  if (typeof value === 'string') {
    const filled = value.replace(PLACEHOLDER, (_match, name: string) => {
      if (!isPlaceholder(name)) throw new Error(packageTexts.unknownPlaceholder(name));
      return values[name];
    });
    if (filled.includes('{{')) throw new Error(packageTexts.placeholderLeft(filled));
    return filled;
  }
  if (Array.isArray(value)) return value.map((item) => fillStrings(item, values));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fillStrings(item, values)]));
  return value;
}

function parseManifest(value: unknown): Manifest {
  const parsed = ManifestSchema.safeParse(value);
  // The template is part of the repository, so a broken one is a bug to fix there, not a user error.
  if (!parsed.success)
    throw new Error(
      packageTexts.templateInvalid(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')),
    );
  return parsed.data;
}

/** The manifest with every placeholder filled from the settings, or what is missing to fill it. */
export function fillManifest(template: unknown, settings: PackageSettings): ManifestResult {
  parseManifest(template); // a broken template is a bug and shows before any missing setting
  const resolved = manifestValues(settings);
  if (!resolved.ok) return resolved;
  const filled = fillStrings(template, resolved.values);
  return { ok: true, manifest: parseManifest(filled), manifestJson: `${JSON.stringify(filled, null, 2)}\n`, values: resolved.values };
}

/** Width and height from a PNG's header, or undefined when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((byte, index) => bytes[index] !== byte)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return undefined;
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

function iconProblem(file: string, bytes: Uint8Array, expected: number): string | undefined {
  const size = pngSize(bytes);
  if (size === undefined) return packageTexts.notPng(file);
  if (size.width !== expected || size.height !== expected) return packageTexts.wrongIconSize(file, expected, size.width, size.height);
  return undefined;
}

// A fixed local date gives the same DOS timestamp in every time zone, so the same input always zips to the same bytes.
const ZIP_ENTRY_TIME = new Date(2000, 0, 1);

/** The zipped app package: manifest.json and both icons at the root, under the names the manifest gives them. */
export function buildAppPackage(sources: PackageSources, settings: PackageSettings): PackageResult {
  const filled = fillManifest(sources.template, settings);
  const { icons } = parseManifest(sources.template);
  const problems = [
    ...(filled.ok ? [] : filled.problems),
    iconProblem(icons.color, sources.colorIcon, ICON_SIZES.color),
    iconProblem(icons.outline, sources.outlineIcon, ICON_SIZES.outline),
  ].filter((problem): problem is string => problem !== undefined);
  if (!filled.ok || problems.length > 0) return { ok: false, problems };

  const zip = zipSync(
    {
      'manifest.json': strToU8(filled.manifestJson),
      [icons.color]: sources.colorIcon,
      [icons.outline]: sources.outlineIcon,
    },
    { mtime: ZIP_ENTRY_TIME },
  );
  return { ok: true, appPackage: { manifest: filled.manifest, values: filled.values, zip } };
}

/** Reads the template and the icons it names from a folder laid out like manifest/. */
export async function readPackageSources(manifestDir: string): Promise<PackageSources> {
  const templateFile = join(manifestDir, 'manifest.json');
  const text = await readFile(templateFile, 'utf8');
  let template: unknown;
  try {
    template = JSON.parse(text);
  } catch (error) {
    throw new Error(packageTexts.templateNotJson(templateFile, error instanceof Error ? error.message : String(error)), { cause: error });
  }
  const { icons } = parseManifest(template);
  const [colorIcon, outlineIcon] = await Promise.all([
    readFile(join(manifestDir, icons.color)),
    readFile(join(manifestDir, icons.outline)),
  ]);
  return { template, colorIcon, outlineIcon };
}
