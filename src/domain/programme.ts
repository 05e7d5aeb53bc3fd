import { z } from 'zod';
import { NeedIdSchema, SizeClassIdSchema, TargetGroupIdSchema } from './taxonomy.js';
import { nextYearly } from './dates.js';

/**
 * The programme store's shapes: the one source of the `Programme` type. The German descriptions are
 * for whoever edits data/programmes.json: `npm run data:schema` turns them into the JSON Schema
 * their editor reads.
 */

/** A message for a value that is there but wrong; a missing one falls through to "Pflichtfeld fehlt". */
const whenPresent = (message: string) => (issue: { input: unknown }) => (issue.input === undefined ? undefined : message);

const IsoDateSchema = z.iso.date({ error: whenPresent('muss ein Datum im Format JJJJ-MM-TT sein') });
const HttpsUrlSchema = z.url({ protocol: /^https$/, error: whenPresent('muss eine https-Adresse sein') });
const TextSchema = z.string().trim().min(1, { error: 'darf nicht leer sein' });

export const LevelSchema = z.enum(['eu', 'bund', 'land', 'kommune', 'stiftung']);
export type Level = z.infer<typeof LevelSchema>;

export const ApplicantSchema = z.enum(['gemeinde', 'kreis', 'kreisfreie_stadt', 'freier_traeger', 'verein', 'unternehmen', 'person']);
export type Applicant = z.infer<typeof ApplicantSchema>;

/** An office a kreisangehörige Gemeinde must have of its own to apply itself; every Kreis and kreisfreie Stadt has both. */
export const OwnOfficeSchema = z.enum(['jugendamt', 'auslaenderbehoerde']);
export type OwnOffice = z.infer<typeof OwnOfficeSchema>;

export const FundingTypeSchema = z.enum(['zuschuss', 'darlehen', 'personalkosten', 'sachkosten', 'beratung']);
export type FundingType = z.infer<typeof FundingTypeSchema>;

/** Days of each month in a year without 29 February: a yearly deadline must fall in every year. */
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export const DeadlineSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('laufend').meta({ description: 'Antrag jederzeit möglich' }) }).strict(),
    z
      .object({
        kind: z.literal('stichtag').meta({ description: 'Antrag bis zu einem Stichtag' }),
        date: IsoDateSchema.meta({ description: 'Letzter Tag der Antragsfrist (JJJJ-MM-TT)' }),
      })
      .strict(),
    z
      .object({
        kind: z.literal('beendet').meta({ description: 'Programm ist beendet' }),
        date: IsoDateSchema.meta({ description: 'Seit wann beendet (JJJJ-MM-TT)' }),
      })
      .strict(),
    // Applications every year by the same day ("jährlich bis 30.11."): the next one is computed, never shown as ended.
    z
      .object({
        kind: z.literal('jaehrlich').meta({ description: 'Antrag jedes Jahr bis zum selben Tag' }),
        day: z.number().int().min(1).max(31).meta({ description: 'Tag der jährlichen Frist (1–31)' }),
        month: z.number().int().min(1).max(12).meta({ description: 'Monat der jährlichen Frist (1–12)' }),
      })
      .strict()
      .refine(({ day, month }) => day <= DAYS_IN_MONTH[month - 1]!, {
        error: 'gibt es nicht in jedem Jahr (höchstens 28. Februar, 30. April, …)',
        path: ['day'],
      }),
    // The programme runs in rounds and the next one is not announced yet; `previous` is the last known deadline.
    z
      .object({
        kind: z.literal('naechste_runde').meta({ description: 'Läuft in Runden; die nächste ist noch nicht bekannt' }),
        previous: IsoDateSchema.meta({ description: 'Letzte bekannte Frist (JJJJ-MM-TT), falls bekannt' }).optional(),
      })
      .strict(),
  ])
  .meta({
    description:
      'Antragsfrist. kind: laufend, stichtag (mit date), jaehrlich (mit day und month), beendet (mit date) oder naechste_runde (previous freiwillig)',
  });
export type Deadline = z.infer<typeof DeadlineSchema>;

/** The last day to apply: a stichtag's date (passed or not), a yearly deadline's next date from `today`; null for the other kinds. */
export function dueDate(deadline: Deadline, today: string): string | null {
  if (deadline.kind === 'stichtag') return deadline.date;
  if (deadline.kind === 'jaehrlich') return nextYearly(deadline.month, deadline.day, today);
  return null;
}

export const ProgrammeSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'muss ein Kürzel aus Kleinbuchstaben, Ziffern und Bindestrichen sein' })
      .meta({
        description:
          'Kürzel, eindeutig und dauerhaft: Kleinbuchstaben, Ziffern, Bindestriche (z. B. ' +
          'komm-an-nrw). Nicht umbenennen: Merklisten verweisen darauf.',
      }),
    title: TextSchema.max(120).meta({ description: 'Name des Programms (höchstens 120 Zeichen)' }),
    summary: TextSchema.max(600).meta({ description: 'Was gefördert wird, in wenigen Sätzen (höchstens 600 Zeichen)' }),
    funder: TextSchema.max(160).meta({ description: 'Fördergeber, ggf. mit Bewilligungsstelle (höchstens 160 Zeichen)' }),
    level: LevelSchema.meta({ description: 'Ebene des Fördergebers' }),
    needs: z
      .array(NeedIdSchema)
      .min(1, { error: 'braucht mindestens ein Handlungsfeld' })
      .meta({ description: 'Handlungsfelder, die das Programm fördert (mindestens eines)' }),
    targetGroups: z.array(TargetGroupIdSchema).meta({ description: 'Zielgruppen; eine leere Liste oder "alle" heißt: offen für alle' }),
    applicants: z
      .array(ApplicantSchema)
      .min(1, { error: 'braucht mindestens eine antragsberechtigte Stelle' })
      .meta({ description: 'Wer selbst einen Antrag stellen darf (mindestens eine Angabe)' }),
    viaIntermediary: TextSchema.max(300)
      .meta({
        description:
          'Wie eine Kommune das Programm über eine andere Stelle nutzt, wenn sie selbst nicht ' +
          'antragsberechtigt ist (höchstens 300 Zeichen)',
      })
      .optional(),
    onlyWithOwn: OwnOfficeSchema.meta({
      description:
        'Nur wenn eine kreisangehörige Gemeinde den Antrag lediglich mit eigenem Jugendamt (jugendamt) oder eigener ' +
        'Ausländer- oder Einbürgerungsbehörde (auslaenderbehoerde) stellen darf; sonst nutzt sie das Programm über ihren Kreis',
    }).optional(),
    withoutApplication: TextSchema.max(300)
      .meta({
        description:
          'Nur wenn es keinen Antrag gibt: wie die Teilnehmenden ausgewählt werden (höchstens 300 Zeichen). ' +
          'applicants nennt dann, wer teilnimmt; das Programm erscheint zur Information',
      })
      .optional(),
    ages: z
      .object({
        min: z.number().int().min(0).max(120).meta({ description: 'Mindestalter in Jahren' }).optional(),
        max: z.number().int().min(0).max(120).meta({ description: 'Höchstalter in Jahren' }).optional(),
      })
      .strict()
      .refine(({ min, max }) => min !== undefined || max !== undefined, { error: 'braucht min, max oder beides' })
      .refine(({ min, max }) => min === undefined || max === undefined || min <= max, { error: 'min ist größer als max', path: ['min'] })
      .meta({
        description:
          'Nur für Menschen dieses Alters, wenn der Text es sagt (z. B. {"min": 28, "max": 59}); weglassen, wenn es keine Altersgrenze gibt',
      })
      .optional(),
    sizeClasses: z
      .array(SizeClassIdSchema)
      .min(1)
      .meta({ description: 'Nur für diese Größen von Kommunen; weglassen, wenn das Programm allen offensteht' })
      .optional(),
    fundingType: FundingTypeSchema.meta({ description: 'Art der Förderung' }),
    fundingRate: z.number().gt(0).max(100).meta({ description: 'Förderquote in Prozent, z. B. 80' }).optional(),
    minAmount: z
      .number()
      .positive()
      .meta({
        description: 'Mindestförderung in Euro als Zahl ohne Tausenderpunkte, wenn der Text eine nennt (z. B. 100000 je Projektjahr)',
      })
      .optional(),
    maxAmount: z.number().positive().meta({ description: 'Höchstbetrag in Euro als Zahl ohne Tausenderpunkte, z. B. 50000' }).optional(),
    amountNote: TextSchema.max(300).meta({ description: 'Erläuterung zur Höhe der Förderung (höchstens 300 Zeichen)' }).optional(),
    deadline: DeadlineSchema,
    applicationUrl: HttpsUrlSchema.meta({ description: 'https-Adresse für den Antrag oder die Antragsunterlagen', pattern: '^https://' }),
    sourceUrl: HttpsUrlSchema.meta({ description: 'https-Adresse der Quelle, aus der die Angaben stammen', pattern: '^https://' }),
    contact: TextSchema.max(300)
      .meta({ description: 'Ansprechstelle, z. B. Behörde mit Telefon oder E-Mail (höchstens 300 Zeichen)' })
      .optional(),
    successor: z.string().meta({ description: 'Kürzel (id) des Nachfolgeprogramms in dieser Datei' }).optional(),
    lastVerified: IsoDateSchema.meta({ description: 'Tag, an dem die Angaben zuletzt an der Quelle geprüft wurden (JJJJ-MM-TT)' }),
  })
  .strict()
  .refine(({ minAmount, maxAmount }) => minAmount === undefined || maxAmount === undefined || minAmount <= maxAmount, {
    error: 'ist höher als maxAmount',
    path: ['minAmount'],
  });
export type Programme = z.infer<typeof ProgrammeSchema>;

/** The taxonomy's young people are children, teenagers and young adults up to this age. */
export const YOUNG_UNTIL = 27;

/** A programme for adults only ("Erwachsene zwischen 28 und 59") does not serve children and young people. */
export const excludesYoungPeople = (programme: Programme): boolean => (programme.ages?.min ?? 0) > YOUNG_UNTIL;

const APPLYING_FOR_THEMSELVES: readonly Applicant[] = ['person', 'unternehmen'];

/**
 * A programme a municipality can only point people to: nobody applies (participants are chosen), or
 * only individuals and companies apply for themselves.
 */
export const isInformationOnly = (programme: Programme): boolean =>
  programme.withoutApplication !== undefined || programme.applicants.every((applicant) => APPLYING_FOR_THEMSELVES.includes(applicant));

/**
 * Funding of at least this much is a project format a Gemeinde under 25,000 inhabitants rarely
 * carries (staff, co-funding, reporting): such a programme comes after the ones of its size.
 */
const LARGE_FORMAT_FROM = 100_000;
export const isLargeFormat = (programme: Programme): boolean => (programme.minAmount ?? 0) >= LARGE_FORMAT_FROM;

/** The programme that follows an ended one, when the catalogue names one and has it. */
export const successorOf = (programme: Programme, programmes: readonly Programme[]): Programme | undefined =>
  programme.successor === undefined ? undefined : programmes.find((candidate) => candidate.id === programme.successor);

/** Entries stay `unknown` here so that `validateProgrammes` can report each broken entry on its own. */
export const ProgrammeFileSchema = z
  .object({
    $schema: z
      .string()
      .meta({
        description: 'Verweis auf die Schema-Datei, z. B. "./programmes.schema.json"; damit schlägt der Editor Felder und Werte vor',
      })
      .optional(),
    programmes: z.array(z.unknown()).meta({ description: 'Die Förderprogramme, ein Objekt je Programm' }),
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
export const germanErrors = {
  error: (issue: Parameters<typeof zodGerman>[0]) =>
    issue.code === 'invalid_type' && issue.input === undefined ? 'Pflichtfeld fehlt' : zodGerman(issue),
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
      problems.push({
        file,
        entry: programme.id,
        field: 'successor',
        message: `verweist auf unbekanntes Programm "${programme.successor}"`,
      });
    }
  }

  return problems.length > 0 ? { ok: false, problems } : { ok: true, programmes };
}
