import { writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { GazetteerSchema } from '../domain/gazetteer.js';
import { dataTexts } from '../texts/cli.js';

/** The JSON Schema of data/municipalities.json, generated from the zod schema so that the two never drift apart. */

export const GAZETTEER_SCHEMA_FILE = 'data/municipalities.schema.json';

/** Draft-07, as for the programme file. */
export function gazetteerJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(
    GazetteerSchema.meta({ title: dataTexts.gazetteerSchema.title, description: dataTexts.gazetteerSchema.description }),
    {
      target: 'draft-07',
      io: 'input',
    },
  );
}

/** The file's exact content: what `npm run data:schema` writes and what the test compares. */
export const gazetteerSchemaText = (): string => `${JSON.stringify(gazetteerJsonSchema(), null, 2)}\n`;

export async function writeGazetteerSchemaFile(file = GAZETTEER_SCHEMA_FILE): Promise<void> {
  await writeFile(file, gazetteerSchemaText());
}
