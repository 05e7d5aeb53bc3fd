import { z } from 'zod';
import { MunicipalityKindSchema } from './taxonomy.js';

/**
 * The official list of NRW municipalities (data/municipalities.json): every Gemeinde and every Kreis
 * with its keys, kind and population, and the names outside NRW the bot must recognise as not ours.
 * The German descriptions are for whoever reads the file; `npm run data:schema` turns them into its
 * JSON Schema. The file is generated (`npm run cli -- data:gazetteer`), not edited by hand.
 */

const IsoDateSchema = z.iso.date({ error: 'muss ein Datum im Format JJJJ-MM-TT sein' });
const TextSchema = z.string().trim().min(1, { error: 'darf nicht leer sein' });
const KreisKeySchema = z.string().regex(/^\d{5}$/, { error: 'muss aus 5 Ziffern bestehen' });

/** The taxonomy's kind of municipality, described for whoever reads the file. */
const KindSchema = MunicipalityKindSchema.meta({
  description: 'kreisfrei (kreisfreie Stadt und die Stadt Aachen), kreisangehoerig (Gemeinde in einem Kreis) oder kreis',
});

export const RegierungsbezirkSchema = z
  .enum(['Düsseldorf', 'Köln', 'Münster', 'Detmold', 'Arnsberg'])
  .meta({ description: 'Regierungsbezirk' });
export type Regierungsbezirk = z.infer<typeof RegierungsbezirkSchema>;

export const GoStatusSchema = z
  .enum(['grosse_kreisangehoerige_stadt', 'mittlere_kreisangehoerige_stadt'])
  .meta({ description: 'Status nach § 4 GO NRW: Große oder Mittlere kreisangehörige Stadt' });
export type GoStatus = z.infer<typeof GoStatusSchema>;

export const GazetteerEntrySchema = z
  .object({
    ags: z
      .string()
      .regex(/^\d{5}(?:\d{3})?$/, { error: 'muss aus 8 Ziffern (Gemeinde) oder 5 Ziffern (Kreis) bestehen' })
      .meta({ description: 'Amtlicher Gemeindeschlüssel: 8 Ziffern für eine Gemeinde (z. B. "05754008"), 5 für einen Kreis ("05754")' }),
    ars: z
      .string()
      .regex(/^\d{5}(?:\d{7})?$/, { error: 'muss aus 12 Ziffern (Gemeinde) oder 5 Ziffern (Kreis) bestehen' })
      .meta({ description: 'Amtlicher Regionalschlüssel: 12 Ziffern für eine Gemeinde, 5 für einen Kreis' }),
    name: TextSchema.meta({
      description:
        'Name, wie man ihn schreibt und wie der Bot ihn zeigt, eindeutig in NRW: "Gütersloh", "Kreis Gütersloh", ' +
        '"Rhein-Sieg-Kreis", "StädteRegion Aachen"',
    }),
    officialName: TextSchema.meta({ description: 'Name wie im Gemeindeverzeichnis, z. B. "Gütersloh, Stadt"' }),
    aliases: z
      .array(TextSchema)
      .meta({ description: 'Andere Schreibweisen, die eindeutig diese Kommune meinen, z. B. "Mülheim a. d. Ruhr", "Kreis Lippe"' }),
    kind: KindSchema,
    kreis: KreisKeySchema.nullable().meta({
      description: 'Bei einer kreisangehörigen Gemeinde der Schlüssel (5 Ziffern) ihres Kreises, sonst null',
    }),
    regierungsbezirk: RegierungsbezirkSchema,
    inhabitants: z
      .number()
      .int()
      .positive()
      .meta({ description: 'Einwohner zum Stichtag der Quelle (source.referenceDate); bei einem Kreis die Summe seiner Gemeinden' }),
    goStatus: GoStatusSchema.nullable().meta({
      description:
        'Große oder Mittlere kreisangehörige Stadt laut Verordnung nach § 4 GO NRW (Fassung vom 01.01.2025); null bei allen ' +
        'anderen Gemeinden und bei Kreisen',
    }),
  })
  .strict();
export type GazetteerEntry = z.infer<typeof GazetteerEntrySchema>;

export const OutsideNrwNameSchema = z
  .object({
    name: TextSchema.meta({ description: 'Name einer Gemeinde, eines Kreises oder eines Landes außerhalb von NRW' }),
    land: TextSchema.meta({ description: 'Das Land, in dem sie liegt, z. B. "Niedersachsen"' }),
  })
  .strict();
export type OutsideNrwName = z.infer<typeof OutsideNrwNameSchema>;

export const GazetteerSourceSchema = z
  .object({
    title: TextSchema.meta({ description: 'Titel der Quelle' }),
    publisher: TextSchema.meta({ description: 'Herausgeber' }),
    url: z.url({ protocol: /^https$/, error: 'muss eine https-Adresse sein' }).meta({ description: 'Adresse der Quelle' }),
    licence: z.literal('dl-de/by-2-0').meta({ description: 'Lizenz: Datenlizenz Deutschland – Namensnennung – Version 2.0' }),
    licenceUrl: z.url({ protocol: /^https$/, error: 'muss eine https-Adresse sein' }).meta({ description: 'Adresse des Lizenztextes' }),
    attribution: TextSchema.meta({ description: 'Quellenvermerk, den die Lizenz verlangt' }),
    referenceDate: IsoDateSchema.meta({ description: 'Stichtag der Einwohnerzahlen (JJJJ-MM-TT)' }),
    retrieved: IsoDateSchema.meta({ description: 'Tag, an dem der Auszug abgerufen wurde (JJJJ-MM-TT)' }),
  })
  .strict()
  .meta({ description: 'Woher die Angaben stammen, mit Lizenz und Stichtag' });
export type GazetteerSource = z.infer<typeof GazetteerSourceSchema>;

export const GazetteerSchema = z
  .strictObject({
    $schema: z
      .string()
      .meta({ description: 'Verweis auf die Schema-Datei, "./municipalities.schema.json"; damit prüft der Editor die Datei' })
      .optional(),
    source: GazetteerSourceSchema,
    municipalities: z.array(GazetteerEntrySchema).meta({ description: 'Alle Gemeinden und Kreise in NRW' }),
    /** Names of German municipalities and Kreise outside NRW that people may name, so the bot can say it covers NRW only. */
    outsideNrw: z.array(OutsideNrwNameSchema).meta({
      description:
        'Namen außerhalb von NRW (Länder, Kreise, kreisfreie Städte, Gemeinden ab 20.000 Einwohnern), damit der Bot sagen ' +
        'kann, dass er nur NRW kennt. Namen, die es auch in NRW gibt, stehen hier nicht.',
    }),
  })
  .superRefine(({ municipalities }, context) => {
    // What the bot relies on beyond each entry's shape: one entry per key, every Gemeinde in a Kreis of the file.
    const problem = (index: number, field: string, message: string) =>
      context.addIssue({ code: 'custom', path: ['municipalities', index, field], message });
    if (!municipalities.some((entry) => entry.kind === 'kreis') || !municipalities.some((entry) => entry.kind !== 'kreis'))
      context.addIssue({ code: 'custom', path: ['municipalities'], message: 'muss Gemeinden und Kreise enthalten' });
    const byAgs = new Map<string, number>();
    municipalities.forEach((entry, index) => {
      const first = byAgs.get(entry.ags);
      if (first !== undefined) problem(index, 'ags', `kommt schon bei „${municipalities[first]?.name}“ vor`);
      else byAgs.set(entry.ags, index);
    });
    municipalities.forEach((entry, index) => {
      const kreis = entry.kreis === null ? undefined : municipalities[byAgs.get(entry.kreis) ?? -1];
      if (entry.kind !== 'kreisangehoerig') {
        if (entry.kreis !== null && entry.kind === 'kreis') problem(index, 'kreis', 'muss bei einem Kreis null sein');
      } else if (entry.kreis === null) problem(index, 'kreis', 'fehlt: eine kreisangehörige Gemeinde gehört zu einem Kreis');
      else if (kreis?.kind !== 'kreis') problem(index, 'kreis', `„${entry.kreis}“ ist kein Kreis in dieser Datei`);
      else if (!entry.ags.startsWith(kreis.ags)) problem(index, 'ags', `beginnt nicht mit dem Schlüssel ihres Kreises (${kreis.ags})`);
    });
  });
export type Gazetteer = z.infer<typeof GazetteerSchema>;
