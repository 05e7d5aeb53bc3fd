import { readFile } from 'node:fs/promises';
import { TextFile } from 'lowdb/node';
import { type Gazetteer, GazetteerSchema } from '../domain/gazetteer.js';
import { type PlaceIndex, placeIndexFor } from '../domain/places.js';
import { germanErrors } from '../domain/programme.js';
import { dataFileText, readFailure } from './programmeFile.js';

/** data/municipalities.json: written by `npm run cli -- data:gazetteer`, read by whoever needs the municipalities. */

export const GAZETTEER_FILE = 'data/municipalities.json';
export const GAZETTEER_SCHEMA_REF = './municipalities.schema.json';

export type GazetteerRead = { ok: true; gazetteer: Gazetteer } | { ok: false; problems: string[] };

/** The file, checked against the schema; every problem names the field ("municipalities[3].ags: …"). */
export async function readGazetteerFile(file = GAZETTEER_FILE): Promise<GazetteerRead> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    return { ok: false, problems: [`${file}: ${readFailure(error)}`] };
  }
  const parsed = GazetteerSchema.safeParse(data, germanErrors);
  if (parsed.success) return { ok: true, gazetteer: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((issue) => `${file}, ${where(data, issue.path)}: ${issue.message}`) };
}

/** "Eintrag „Gütersloh“, Feld „kreis“" for an entry with a name, else the path as it is. */
function where(data: unknown, path: readonly PropertyKey[]): string {
  const [list, index, ...field] = path;
  const entry =
    list === 'municipalities' && typeof index === 'number'
      ? (data as { municipalities?: { name?: unknown }[] }).municipalities?.[index]
      : undefined;
  if (typeof entry?.name !== 'string') return path.map(String).join('.') || '(Datei)';
  return field.length === 0 ? `Eintrag „${entry.name}“` : `Eintrag „${entry.name}“, Feld „${field.map(String).join('.')}“`;
}

/** Written as the programme file is (two-space JSON, final line break) and replaced in one step (lowdb's steno). */
export async function writeGazetteerFile(file: string, gazetteer: Gazetteer): Promise<void> {
  const { source, municipalities, outsideNrw } = gazetteer;
  await new TextFile(file).write(dataFileText({ $schema: GAZETTEER_SCHEMA_REF, source, municipalities, outsideNrw }));
}

/** The municipalities as the recognizer looks their names up; refused with the file's problems like the file itself. */
export async function openPlaces(file = GAZETTEER_FILE): Promise<{ ok: true; places: PlaceIndex } | { ok: false; problems: string[] }> {
  const read = await readGazetteerFile(file);
  return read.ok ? { ok: true, places: placeIndexFor(read.gazetteer.municipalities, read.gazetteer.outsideNrw) } : read;
}
