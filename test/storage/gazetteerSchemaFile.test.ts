import { readFileSync } from 'node:fs';
// ajv 6 (draft-07) comes with ESLint; the schema is draft-07 so that editors and this check read it alike.
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { GazetteerEntrySchema, GazetteerSchema } from '../../src/domain/gazetteer.js';
import { GAZETTEER_FILE } from '../../src/storage/gazetteerFile.js';
import { GAZETTEER_SCHEMA_FILE, gazetteerJsonSchema, gazetteerSchemaText } from '../../src/storage/gazetteerSchemaFile.js';

interface Node {
  description?: string;
  required?: string[];
  properties?: Record<string, Node>;
  items?: Node;
}

const schema = gazetteerJsonSchema() as Node;
const fields = schema.properties?.municipalities?.items?.properties ?? {};
const validate = new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync(GAZETTEER_SCHEMA_FILE, 'utf8')) as object);
const errorsOf = (data: unknown) => (validate(data) ? [] : (validate.errors ?? []).map((error) => `${error.dataPath} ${error.message}`));
const data = () => JSON.parse(readFileSync(GAZETTEER_FILE, 'utf8')) as { municipalities: Record<string, unknown>[] };

describe('data/municipalities.schema.json', () => {
  it('is what `npm run data:schema` writes from the code today (else: run it and commit the file)', () => {
    expect(readFileSync(GAZETTEER_SCHEMA_FILE, 'utf8')).toBe(gazetteerSchemaText());
  });

  it('accepts data/municipalities.json', () => {
    expect(errorsOf(data())).toEqual([]);
  });

  it.each([
    { case: 'a six-digit AGS', change: { ags: '057540' }, error: '.municipalities[0].ags should match pattern "^\\d{5}(?:\\d{3})?$"' },
    { case: 'an unknown kind', change: { kind: 'stadt' }, error: '.municipalities[0].kind should be equal to one of the allowed values' },
    { case: 'no inhabitants', change: { inhabitants: 0 }, error: '.municipalities[0].inhabitants should be > 0' },
    { case: 'an unknown field', change: { landkreis: 'x' }, error: '.municipalities[0] should NOT have additional properties' },
  ])('refuses $case', ({ change, error }) => {
    const file = data();
    file.municipalities[0] = { ...file.municipalities[0], ...change };
    expect(errorsOf(file)).toContain(error);
  });
});

describe('the generated schema', () => {
  it('describes every field of an entry in German and requires them all', () => {
    const keys = Object.keys(GazetteerEntrySchema.shape);
    expect(Object.keys(fields)).toEqual(keys);
    expect(keys.filter((key) => (fields[key]?.description ?? '').length < 10)).toEqual([]);
    expect(schema.properties?.municipalities?.items?.required).toEqual(keys);
    expect(schema.required).toEqual(Object.keys(GazetteerSchema.shape).filter((key) => key !== '$schema'));
  });
});
