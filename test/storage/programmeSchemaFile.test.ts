import { readFileSync } from 'node:fs';
// ajv 6 (draft-07) comes with ESLint; the schema is draft-07 so that editors and this check read it alike.
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { ApplicantSchema, ProgrammeSchema } from '../../src/domain/programme.js';
import { NEEDS, SIZE_CLASSES, TARGET_GROUPS } from '../../src/domain/taxonomy.js';
import { PROGRAMME_SCHEMA_FILE, programmeJsonSchema, programmeSchemaText } from '../../src/storage/programmeSchemaFile.js';
import { APPLICANT_LABELS } from '../../src/texts/labels.js';
import { programme } from '../support/programmeBuilder.js';
import { FIXTURE_FILE } from '../support/testBot.js';

interface Node {
  type?: string;
  enum?: string[];
  enumDescriptions?: string[];
  description?: string;
  required?: string[];
  properties?: Record<string, Node>;
  items?: Node;
  oneOf?: Node[];
}

const schema = programmeJsonSchema() as Node;
const entry = schema.properties?.programmes?.items as Node;
const fields = entry.properties ?? {};
const validate = new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync(PROGRAMME_SCHEMA_FILE, 'utf8')) as object);
const errorsOf = (data: unknown) => (validate(data) ? [] : (validate.errors ?? []).map((error) => `${error.dataPath} ${error.message}`));

describe('data/programmes.schema.json', () => {
  it('is what `npm run data:schema` writes from the code today (else: run it and commit the file)', () => {
    expect(readFileSync(PROGRAMME_SCHEMA_FILE, 'utf8')).toBe(programmeSchemaText());
  });

  it.each([
    { name: 'data/programmes.json', file: 'data/programmes.json' },
    { name: 'the test fixture', file: FIXTURE_FILE },
  ])('accepts $name', ({ file }) => {
    expect(errorsOf(JSON.parse(readFileSync(file, 'utf8')))).toEqual([]);
  });

  it('accepts the $schema key that points editors to it', () => {
    expect(errorsOf({ $schema: './programmes.schema.json', programmes: [programme({ id: 'a' })] })).toEqual([]);
  });

  it.each([
    {
      case: 'an unknown need',
      change: { needs: ['sprachkurs'] },
      error: '.programmes[0].needs[0] should be equal to one of the allowed values',
    },
    {
      case: 'an http link',
      change: { applicationUrl: 'http://example.org/a' },
      error: '.programmes[0].applicationUrl should match pattern "^https://"',
    },
    { case: 'a German date', change: { lastVerified: '01.11.2026' }, error: '.programmes[0].lastVerified should match format "date"' },
    { case: 'an unknown field', change: { foerderquote: 80 }, error: '.programmes[0] should NOT have additional properties' },
    { case: 'a rate above 100', change: { fundingRate: 120 }, error: '.programmes[0].fundingRate should be <= 100' },
    {
      case: 'a stichtag without date',
      change: { deadline: { kind: 'stichtag' } },
      error: '.programmes[0].deadline should match exactly one schema in oneOf',
    },
    { case: 'a missing title', change: { title: undefined }, error: ".programmes[0] should have required property 'title'" },
  ])('refuses $case', ({ change, error }) => {
    expect(errorsOf({ programmes: [JSON.parse(JSON.stringify({ ...programme({ id: 'a' }), ...change }))] })).toContain(error);
  });

  it('refuses an unknown key at the top level', () => {
    expect(errorsOf({ programmes: [], version: 2 })).toContain(' should NOT have additional properties');
  });
});

describe('the generated schema', () => {
  it.each([
    { field: 'needs', values: NEEDS.map((need) => need.id), labels: NEEDS.map((need) => need.label) },
    { field: 'targetGroups', values: TARGET_GROUPS.map((group) => group.id), labels: TARGET_GROUPS.map((group) => group.label) },
    { field: 'sizeClasses', values: SIZE_CLASSES.map((size) => size.id), labels: SIZE_CLASSES.map((size) => size.label) },
    { field: 'applicants', values: [...ApplicantSchema.options], labels: ApplicantSchema.options.map((id) => APPLICANT_LABELS[id]) },
  ])('lists the ids of $field with the labels the bot shows', ({ field, values, labels }) => {
    expect(fields[field]?.items?.enum).toEqual(values);
    expect(fields[field]?.items?.enumDescriptions).toEqual(labels);
  });

  it('offers the five kinds of deadline', () => {
    expect(fields.deadline?.oneOf?.map((variant) => variant.properties?.kind)).toMatchObject([
      { const: 'laufend' },
      { const: 'stichtag' },
      { const: 'beendet' },
      { const: 'jaehrlich' },
      { const: 'naechste_runde' },
    ]);
  });

  it('describes every field of an entry in German', () => {
    const keys = Object.keys(ProgrammeSchema.shape);
    expect(Object.keys(fields)).toEqual(keys);
    expect(keys.filter((key) => (fields[key]?.description ?? '').length < 10)).toEqual([]);
    expect(schema.properties?.$schema?.description).toContain('programmes.schema.json');
  });

  it('requires exactly the fields the store requires', () => {
    const optional = Object.entries(ProgrammeSchema.shape).flatMap(([key, field]) => (field.safeParse(undefined).success ? [key] : []));
    expect(entry.required).toEqual(Object.keys(ProgrammeSchema.shape).filter((key) => !optional.includes(key)));
    expect(schema.required).toEqual(['programmes']);
  });
});
