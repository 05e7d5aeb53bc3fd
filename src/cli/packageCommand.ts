import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { AppManifestUtils, type TeamsManifest } from '@microsoft/app-manifest';
import { loadConfig } from '../config.js';
import { packageTexts } from '../texts/cli.js';
import { buildAppPackage, type Manifest, readPackageSources } from './appPackage.js';

/** `npm run package`: builds the Teams app package from manifest/ and the configuration, checks it, writes the zip. */

export const MANIFEST_DIR = 'manifest';
export const DEFAULT_OUTPUT = join('dist', 'teams', 'foerderlotse-nrw.zip');

// The library also accepts the localised address (…/en-us/json-schemas/…) that Microsoft's docs link to.
const SCHEMA_URL =
  /^https:\/\/developer\.microsoft\.com\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?(json-schemas\/teams\/v[\w.]+\/MicrosoftTeams\.schema\.json)$/i;

/** The copy of the manifest's schema that @microsoft/app-manifest ships, or undefined when it has none. */
export function bundledSchemaFile(schemaUrl: string): string | undefined {
  const path = SCHEMA_URL.exec(schemaUrl)?.[1];
  if (path === undefined) return undefined;
  // Resolves to …/@microsoft/app-manifest/build/index.js; the schemas lie beside it, where the library looks.
  const file = join(dirname(createRequire(import.meta.url).resolve('@microsoft/app-manifest')), path);
  return existsSync(file) ? file : undefined;
}

/** Schema errors of the manifest, checked offline against the official schema its `$schema` names; empty when valid. */
export async function validateAgainstOfficialSchema(manifest: Manifest): Promise<string[]> {
  // Without a bundled copy the library would download the schema; refuse instead, so the check never depends on the network.
  if (bundledSchemaFile(manifest.$schema) === undefined) return [packageTexts.schemaNotBundled(manifest.$schema)];
  // The library types its input as a valid manifest, yet checking whether an object is one is its whole purpose.
  const candidate: object = manifest;
  return AppManifestUtils.validateAgainstSchema(candidate as TeamsManifest);
}

async function main(argv: string[]): Promise<number> {
  const { values: options } = parseArgs({
    args: argv,
    options: { out: { type: 'string', default: DEFAULT_OUTPUT }, help: { type: 'boolean', short: 'h' } },
  });
  if (options.help) {
    process.stdout.write(`${packageTexts.usage}\n`);
    return 0;
  }

  const loaded = loadConfig({ purpose: 'package' });
  if (!loaded.ok) {
    console.error(`${packageTexts.configInvalid}\n  ${loaded.problems.join('\n  ')}`);
    return 2;
  }
  const built = buildAppPackage(await readPackageSources(MANIFEST_DIR), loaded.config);
  if (!built.ok) {
    console.error(`${packageTexts.notBuilt}\n  ${built.problems.join('\n  ')}`);
    return 2;
  }
  const { manifest, values, zip } = built.appPackage;
  const schemaErrors = await validateAgainstOfficialSchema(manifest);
  if (schemaErrors.length > 0) {
    console.error(`${packageTexts.schemaInvalid(schemaErrors.length)}\n  ${schemaErrors.join('\n  ')}`);
    return 1;
  }

  await mkdir(dirname(options.out), { recursive: true });
  await writeFile(options.out, zip);
  process.stdout.write(
    packageTexts.written({
      file: options.out,
      name: manifest.name.short,
      version: manifest.version,
      manifestVersion: manifest.manifestVersion,
      values,
    }),
  );
  return 0;
}

// Run only as the script itself, so tests can import the schema check without building a package.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2));
}
