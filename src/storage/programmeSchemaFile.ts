import { writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { ApplicantSchema, FundingTypeSchema, LevelSchema, ProgrammeFileSchema, ProgrammeSchema } from '../domain/programme.js';
import {
  NEED_LABELS,
  NeedIdSchema,
  SIZE_CLASS_LABELS,
  SizeClassIdSchema,
  TARGET_GROUP_LABELS,
  TargetGroupIdSchema,
} from '../domain/taxonomy.js';
import { dataTexts } from '../texts/cli.js';
import { APPLICANT_LABELS, FUNDING_TYPE_LABELS, LEVEL_LABELS } from '../texts/labels.js';

/** The JSON Schema of data/programmes.json, generated from the zod schema so that the two never drift apart. */

export const PROGRAMME_SCHEMA_FILE = 'data/programmes.schema.json';

// Each enum's values with the labels the bot shows, matched by the exact list of values.
const ENUM_LABELS: readonly { values: readonly string[]; labels: Record<string, string> }[] = [
  { values: LevelSchema.options, labels: LEVEL_LABELS },
  { values: ApplicantSchema.options, labels: APPLICANT_LABELS },
  { values: FundingTypeSchema.options, labels: FUNDING_TYPE_LABELS },
  { values: NeedIdSchema.options, labels: NEED_LABELS },
  { values: TargetGroupIdSchema.options, labels: TARGET_GROUP_LABELS },
  { values: SizeClassIdSchema.options, labels: SIZE_CLASS_LABELS },
];

const sameValues = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((value, index) => value === b[index]);

/**
 * Draft-07, the version editors support best; the entries are typed in full (the store itself reads
 * them one by one, to report each broken entry on its own). `enumDescriptions` is the VS Code
 * extension that shows a label beside each allowed value; other validators ignore it.
 */
export function programmeJsonSchema(): Record<string, unknown> {
  const editorFile = ProgrammeFileSchema.extend({
    programmes: z.array(ProgrammeSchema).meta(ProgrammeFileSchema.shape.programmes.meta() ?? {}),
  }).meta({
    title: dataTexts.schema.title,
    description: dataTexts.schema.description,
  });
  return z.toJSONSchema(editorFile, {
    target: 'draft-07',
    io: 'input',
    override: ({ jsonSchema }) => {
      const values = jsonSchema.enum;
      if (values === undefined) return;
      const known = ENUM_LABELS.find((entry) => sameValues(entry.values, values));
      if (known !== undefined) jsonSchema.enumDescriptions = values.map((value) => known.labels[String(value)] ?? String(value));
    },
  });
}

/** The file's exact content: what `npm run data:schema` writes and what the test compares. */
export const programmeSchemaText = (): string => `${JSON.stringify(programmeJsonSchema(), null, 2)}\n`;

export async function writeProgrammeSchemaFile(file = PROGRAMME_SCHEMA_FILE): Promise<void> {
  await writeFile(file, programmeSchemaText());
}
