import { z } from 'zod';
import { NeedIdSchema, SizeClassIdSchema, TargetGroupIdSchema } from './taxonomy.js';

/** The programme store's shapes: the one source of the `Programme` type. */

/** A message for a value that is there but wrong; a missing one falls through to "Pflichtfeld fehlt". */
const whenPresent = (message: string) => (issue: { input: unknown }) => (issue.input === undefined ? undefined : message);

const IsoDateSchema = z.iso.date({ error: whenPresent('muss ein Datum im Format JJJJ-MM-TT sein') });
const HttpsUrlSchema = z.url({ protocol: /^https$/, error: whenPresent('muss eine https-Adresse sein') });
const TextSchema = z.string().trim().min(1, { error: 'darf nicht leer sein' });

export const LevelSchema = z.enum(['eu', 'bund', 'land', 'kommune', 'stiftung']);
export type Level = z.infer<typeof LevelSchema>;

export const ApplicantSchema = z.enum(['gemeinde', 'kreis', 'kreisfreie_stadt', 'freier_traeger', 'verein', 'unternehmen', 'person']);
export type Applicant = z.infer<typeof ApplicantSchema>;

export const FundingTypeSchema = z.enum(['zuschuss', 'darlehen', 'personalkosten', 'sachkosten', 'beratung']);
export type FundingType = z.infer<typeof FundingTypeSchema>;

export const DeadlineSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('laufend') }).strict(),
  z.object({ kind: z.literal('stichtag'), date: IsoDateSchema }).strict(),
  z.object({ kind: z.literal('beendet'), date: IsoDateSchema }).strict(),
  // The programme runs in rounds and the next one is not announced yet; `previous` is the last known deadline.
  z.object({ kind: z.literal('naechste_runde'), previous: IsoDateSchema.optional() }).strict(),
]);
export type Deadline = z.infer<typeof DeadlineSchema>;

export const ProgrammeSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'muss ein Kürzel aus Kleinbuchstaben, Ziffern und Bindestrichen sein' }),
    title: TextSchema.max(120),
    summary: TextSchema.max(600),
    funder: TextSchema.max(160),
    level: LevelSchema,
    needs: z.array(NeedIdSchema).min(1, { error: 'braucht mindestens ein Handlungsfeld' }),
    targetGroups: z.array(TargetGroupIdSchema),
    applicants: z.array(ApplicantSchema).min(1, { error: 'braucht mindestens eine antragsberechtigte Stelle' }),
    viaIntermediary: TextSchema.max(300).optional(),
    sizeClasses: z.array(SizeClassIdSchema).min(1).optional(),
    fundingType: FundingTypeSchema,
    fundingRate: z.number().gt(0).max(100).optional(),
    maxAmount: z.number().positive().optional(),
    amountNote: TextSchema.max(300).optional(),
    deadline: DeadlineSchema,
    applicationUrl: HttpsUrlSchema,
    sourceUrl: HttpsUrlSchema,
    contact: TextSchema.max(300).optional(),
    successor: z.string().optional(),
    lastVerified: IsoDateSchema,
  })
  .strict();
export type Programme = z.infer<typeof ProgrammeSchema>;

export const ProgrammeFileSchema = z
  .object({
    $schema: z.string().optional(),
    programmes: z.array(z.unknown()),
  })
  .strict();

/** One thing wrong with the store, located so that an editor can find and fix it. */
export interface StoreProblem {
  file: string;
  /** The entry's id, or its position when the id itself is missing or broken. */
  entry: string | null;
  field: string | null;
  message: string;
}

export type StoreResult = { ok: true; programmes: Programme[] } | { ok: false; problems: StoreProblem[] };

const zodGerman = z.locales.de().localeError;
/** zod's German messages, with a plainer one for a missing field; the schema's own messages take precedence. */
const germanErrors = {
  error: (issue: Parameters<typeof zodGerman>[0]) => (issue.code === 'invalid_type' && issue.input === undefined ? 'Pflichtfeld fehlt' : zodGerman(issue)),
};

const pathText = (path: readonly PropertyKey[]) =>
  path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? String(part) : `.${String(part)}`)).join('') || null;

/** Checks parsed JSON against the schema and the store's own rules; reports every problem at once. */
export function validateProgrammes(data: unknown, file: string): StoreResult {
  const top = ProgrammeFileSchema.safeParse(data, germanErrors);
  if (!top.success) {
    return {
      ok: false,
      problems: top.error.issues.map((issue) => ({
        file,
        entry: null,
        field: pathText(issue.path),
        message: issue.path.length === 0 ? 'muss ein Objekt mit der Liste "programmes" sein' : issue.message,
      })),
    };
  }

  const problems: StoreProblem[] = [];
  const programmes: Programme[] = [];
  top.data.programmes.forEach((raw, index) => {
    const rawId = (raw as { id?: unknown } | null)?.id;
    const entry = typeof rawId === 'string' && rawId !== '' ? rawId : `Eintrag ${index + 1}`;
    const parsed = ProgrammeSchema.safeParse(raw, germanErrors);
    if (parsed.success) programmes.push(parsed.data);
    else problems.push(...parsed.error.issues.map((issue) => ({ file, entry, field: pathText(issue.path), message: issue.message })));
  });

  const ids = new Set<string>();
  for (const programme of programmes) {
    if (ids.has(programme.id)) problems.push({ file, entry: programme.id, field: 'id', message: 'kommt mehrfach vor' });
    ids.add(programme.id);
  }
  for (const programme of programmes) {
    if (programme.successor !== undefined && !ids.has(programme.successor)) {
      problems.push({ file, entry: programme.id, field: 'successor', message: `verweist auf unbekanntes Programm "${programme.successor}"` });
    }
  }

  return problems.length > 0 ? { ok: false, problems } : { ok: true, programmes };
}
