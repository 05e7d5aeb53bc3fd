import { z } from 'zod';

/**
 * The three questions the bot asks, with the ids every part of the project shares.
 * `short` fits on a button (20 characters at most: Web Chat shows longer choices as a numbered list)
 * and says enough on its own; words are what people type,
 * the recognizer folds case, umlauts and inflection itself.
 */

export const NEEDS = [
  {
    id: 'wohnen',
    label: 'Wohnen & Unterbringung',
    short: 'Wohnen',
    words: [
      'Wohnen',
      'Wohnraum',
      'Wohnung',
      'Unterkunft',
      'Unterkünfte',
      'Unterbringung',
      'Flüchtlingsunterkunft',
      'Sammelunterkunft',
      'Gemeinschaftsunterkunft',
      'Wohnheim',
      'sozialer Wohnungsbau',
      'Wohnungsbau',
      'Wohnraummanagement',
      'Wohnungssuche',
      'Wohnungsmarkt',
      'Vermieter',
      'Mietwohnung',
      'Obdach',
      'obdachlos',
      'wohnungslos',
      'Wohnungslosigkeit',
      'Wohnprojekt',
    ],
  },
  {
    id: 'arbeit',
    label: 'Arbeit & Ausbildung',
    short: 'Arbeit & Ausbildung',
    words: [
      'Arbeit',
      'Arbeitsmarkt',
      'Arbeitsmarktintegration',
      'Arbeitsplatz',
      'Arbeitsvermittlung',
      'Job',
      'Jobcoaching',
      'Jobcenter',
      'Beschäftigung',
      'Ausbildung',
      'Ausbildungsplatz',
      'Azubi',
      'Qualifizierung',
      'Berufsanerkennung',
      'Anerkennung ausländischer Abschlüsse',
      'Berufsorientierung',
      'Berufseinstieg',
      'Praktikum',
      'Arbeitgeber',
      'Betriebe',
      'Beruf',
      'beruflich',
      'Bewerbung',
      'Erwerbstätigkeit',
      'Existenzgründung',
      'Erwerbsleben',
    ],
  },
  {
    id: 'sprache',
    label: 'Sprache',
    short: 'Sprache',
    words: [
      'Sprache',
      'Sprachkurs',
      'Deutschkurs',
      'Deutsch',
      'Deutschförderung',
      'Deutschunterricht',
      'Integrationskurs',
      'Sprachförderung',
      'Sprachunterricht',
      'Sprachlernangebot',
      'Sprachcafé',
      'Alphabetisierung',
      'Alphakurs',
      'DaZ',
      'Deutsch als Zweitsprache',
      'VHS',
      'Volkshochschule',
      'Sprachkenntnisse',
      'Sprachprüfung',
      'Erstorientierungskurs',
    ],
  },
  {
    id: 'bildung',
    label: 'Bildung & Schule',
    short: 'Bildung & Schule',
    words: [
      'Bildung',
      'Kita',
      'Kindertagesstätte',
      'Kindergarten',
      'Kindertagesbetreuung',
      'Schule',
      'Schulsozialarbeit',
      'Bildungsangebot',
      'Nachhilfe',
      'Hausaufgabenhilfe',
      'Hausaufgabenbetreuung',
      'Lernförderung',
      'Lernhilfe',
      'Elternarbeit',
      'Elterncafé',
      'Bildungsmaßnahme',
      'frühkindlich',
      'frühe Bildung',
      'Seiteneinsteiger',
      'Lernpaten',
      'Unterricht',
      'Förderunterricht',
      'Lernmaterial',
      'Grundschule',
    ],
  },
  {
    id: 'beratung',
    label: 'Beratung & Case Management',
    short: 'Beratung',
    words: [
      'Beratung',
      'Beratungsstelle',
      'Fallmanagement',
      'Case Management',
      'Casemanagement',
      'Einzelfallbegleitung',
      'Einzelfallhilfe',
      'Fallbegleitung',
      'Erstberatung',
      'Clearing',
      'Migrationsberatung',
      // Migrationsberatung für Erwachsene, the federal counselling service ("JMD" is also chat shorthand for "jemand").
      'MBE',
      'Sozialberatung',
      'Verfahrensberatung',
      'Anlaufstelle',
      'Lotsen',
      'KIM',
      'Kommunales Integrationsmanagement',
    ],
  },
  {
    id: 'gesundheit',
    label: 'Gesundheit & psychosoziale Versorgung',
    short: 'Gesundheit',
    words: [
      'Gesundheit',
      'Gesundheitsversorgung',
      'Gesundheitsförderung',
      'psychosozial',
      'psychisch',
      'psychologisch',
      'Psychotherapie',
      'Trauma',
      'traumatisiert',
      'Traumatherapie',
      'Traumaberatung',
      'psychosoziale Beratung',
      'psychologische Beratung',
      'Therapie',
      'medizinisch',
      'Arzt',
      'Ärzte',
      'Krankenversorgung',
      'Suchtberatung',
      'Suchthilfe',
    ],
  },
  {
    id: 'engagement',
    label: 'Ehrenamt & Kulturmittler',
    short: 'Ehrenamt',
    words: [
      'Ehrenamt',
      'ehrenamtlich',
      'Ehrenamtliche',
      'Ehrenamtskoordination',
      'Ehrenamtler',
      'Freiwillige',
      'Freiwilligenarbeit',
      'Patenschaft',
      'Paten',
      'Patenprojekt',
      'Mentoring',
      'Mentor',
      'Kulturmittler',
      'Sprachmittler',
      'Sprachmittlung',
      'Dolmetscher',
      'Integrationslotsen',
      'Migrantenorganisation',
      'Migrantenorga',
      'Migrantenselbstorganisation',
      'MSO',
      'Engagement',
      'bürgerschaftliches Engagement',
      'Helferkreis',
    ],
  },
  {
    id: 'zusammenleben',
    label: 'Zusammenleben & Teilhabe',
    short: 'Zusammenleben',
    words: [
      'Zusammenleben',
      'Teilhabe',
      'Quartier',
      'Quartiersarbeit',
      'Nachbarschaft',
      'Begegnung',
      'Begegnungsstätte',
      'Begegnungscafé',
      'Treffpunkt',
      'Ankommenstreffpunkt',
      // Open youth work and visiting services are about meeting people, not about jobs or care.
      'Jugendarbeit',
      'Jugendtreff',
      'Seniorentreff',
      'Besuchsdienst',
      'Vorurteile',
      'Sport',
      'Sportverein',
      'Kultur',
      'Musik',
      'Theater',
      'Freizeit',
      'Fest',
      'Antidiskriminierung',
      'Diskriminierung',
      'Rassismus',
      'Demokratie',
      'Extremismus',
      'sozialer Zusammenhalt',
      'Zusammenhalt',
      'Stadtteil',
      'Gemeinwesen',
      'Sozialraum',
      'Willkommenskultur',
      'interkulturell',
      'Vielfalt',
      'Dialog',
    ],
  },
  {
    id: 'kommunikation',
    label: 'Öffentlichkeitsarbeit & Information',
    short: 'Info & Aufklärung',
    words: [
      'Öffentlichkeitsarbeit',
      'Kommunikation',
      'Kampagne',
      'Infomaterial',
      'Informationsmaterial',
      'Informationen',
      'Information',
      'mehrsprachig',
      'Website',
      'Webseite',
      'Internetseite',
      'Angebote bekannt machen',
      'Flyer',
      'Broschüre',
      'Plakat',
      'Social Media',
      'Wegweiser',
      'Newsletter',
      'Übersetzung',
      'übersetzen',
      'Aufklärung',
      'Infoabend',
      'Infoveranstaltung',
      'Informationsveranstaltung',
      'bekannt machen',
    ],
  },
  {
    id: 'rueckkehr',
    label: 'Freiwillige Rückkehr',
    short: 'Rückkehr',
    words: [
      'Rückkehr',
      'freiwillige Rückkehr',
      'Rückkehrberatung',
      'Rückkehrförderung',
      'Rückkehrhilfe',
      'freiwillige Ausreise',
      'Perspektivberatung',
      'Reintegration',
      'Ausreise',
      'ausreisepflichtig',
      'Heimkehr',
      'REAG',
      'GARP',
      'StarthilfePlus',
    ],
  },
  {
    id: 'personal',
    label: 'Personal & Integrationsstrukturen',
    short: 'Personalstellen',
    words: [
      'Personal',
      'Personalstelle',
      'Stellen',
      'Stelle',
      'Stellenanteil',
      'Vollzeitstelle',
      'Teilzeitstelle',
      'Personalkosten',
      'Koordination',
      'Koordinierung',
      'Koordinierungsstelle',
      'Integrationskoordination',
      'Integrationsmanagement',
      'Netzwerkarbeit',
      'Netzwerk',
      'Integrationskonzept',
      'Hauptamt',
      'hauptamtlich',
      'Strukturen',
      'Integrationsstrukturen',
      'KIM',
      'Kommunales Integrationsmanagement',
      'Sozialarbeiter',
      'Sozialarbeiterin',
      'Ehrenamtskoordination',
      'interkulturelle Öffnung',
    ],
  },
] as const;

export const TARGET_GROUPS = [
  {
    id: 'gefluechtete',
    label: 'Geflüchtete',
    short: 'Geflüchtete',
    words: [
      'Geflüchtete',
      'geflüchtet',
      'Flüchtling',
      'Flüchtlinge',
      'Flucht',
      'Fluchterfahrung',
      'Asyl',
      'Asylsuchende',
      'Asylbewerber',
      'Asylberechtigte',
      'Schutzsuchende',
      'Schutzberechtigte',
      'Geduldete',
      'Duldung',
      'Ukraine',
      'Ukrainer',
      'aus Syrien',
      'aus Afghanistan',
      'Vertriebene',
      'UMA',
      'umF',
      'unbegleitete Minderjährige',
      'junge Geflüchtete',
      'Flüchtlingsunterkunft',
      'Flüchtlingsunterkünfte',
      'Flüchtlingskinder',
      'ausreisepflichtig',
    ],
  },
  {
    id: 'neuzugewanderte',
    label: 'Neuzugewanderte & Menschen mit Einwanderungsgeschichte',
    short: 'Neuzugewanderte',
    words: [
      'Neuzugewanderte',
      'neu zugewandert',
      'neu in Deutschland',
      // The federal counselling service named for its clients: adult immigrants.
      'MBE',
      'Neuzuwanderer',
      'Migranten',
      'Migrantinnen',
      'Migration',
      'Migrationshintergrund',
      'Migrationsgeschichte',
      'Zuwanderer',
      'Zugewanderte',
      'Zuwanderung',
      'EU-Zuwanderer',
      'EU-Bürger',
      'Südosteuropa',
      'Einwanderer',
      'Eingewanderte',
      'Einwanderung',
      'Einwanderungsgeschichte',
      'Ausländer',
      'Aussiedler',
      'Seiteneinsteiger',
      'Fachkräfte aus dem Ausland',
      'ausländische Fachkräfte',
      'internationale Fachkräfte',
      'junge Migranten',
    ],
  },
  {
    id: 'kinder_jugendliche',
    label: 'Kinder, Jugendliche & junge Erwachsene',
    short: 'Kinder & Jugendliche',
    words: [
      'Kinder',
      'Kids',
      'Kind',
      'Jugendliche',
      'Jugend',
      'Schüler',
      'Schülerinnen',
      'junge Menschen',
      'junge Leute',
      'junge Erwachsene',
      'junge Geflüchtete',
      'Heranwachsende',
      'Minderjährige',
      'UMA',
      'umF',
      'unbegleitete Minderjährige',
      'Mädchen',
      'Jungen',
      'Seiteneinsteiger',
      'junge Migranten',
      'Flüchtlingskinder',
      'Schulkinder',
      'Kleinkinder',
      'Grundschüler',
    ],
  },
  {
    id: 'frauen_familien',
    label: 'Frauen & Familien',
    short: 'Frauen & Familien',
    words: [
      'Frauen',
      'Frau',
      'Migrantinnen',
      'Mütter',
      'Mutter',
      'Väter',
      'Vater',
      'Eltern',
      'Familien',
      'Familie',
      'Alleinerziehende',
      'Schwangere',
      'Elternarbeit',
      'Elterncafé',
    ],
  },
  {
    id: 'ehrenamtliche',
    label: 'Ehrenamtliche & Kulturmittler',
    short: 'Ehrenamtliche',
    words: [
      'Ehrenamt',
      'Ehrenamtliche',
      'Ehrenamtler',
      'Freiwillige',
      'Helferkreis',
      'Helferinnen',
      'Kulturmittler',
      'Sprachmittler',
      'Engagierte',
      'Ehrenamtskoordination',
    ],
  },
  {
    id: 'fachkraefte',
    label: 'Kommunales Personal & Fachkräfte',
    short: 'Kommunale Fachkräfte',
    words: [
      'Mitarbeitende',
      'Mitarbeiter',
      'Mitarbeiterinnen',
      'Beschäftigte der Verwaltung',
      'Verwaltung',
      'Verwaltungsmitarbeitende',
      'Fachkräfte',
      'Fachkraft',
      'pädagogische Fachkräfte',
      'Sozialarbeiter',
      'Sozialarbeiterinnen',
      'Erzieher',
      'Erzieherinnen',
      'Lehrkräfte',
      'Integrationsbeauftragte',
      'Sachbearbeitende',
      'Kollegium',
      'Sozialarbeiterin',
    ],
  },
  {
    id: 'alle',
    label: 'Alle Einwohnerinnen und Einwohner',
    short: 'Alle',
    words: [
      'alle',
      'Bevölkerung',
      'Gesamtbevölkerung',
      'Stadtgesellschaft',
      'Bürgerinnen und Bürger',
      'Bürger',
      'Einwohnerschaft',
      'alle Einwohner',
      'alle Menschen',
      'Allgemeinheit',
      'Nachbarschaft',
      'Aufnahmegesellschaft',
      'Alteingesessene',
      'Bürgerbeteiligung',
      'egal',
    ],
  },
] as const;

export const SIZE_CLASSES = [
  {
    id: 'klein',
    label: 'Gemeinde unter 25.000 Einwohnern',
    short: 'unter 25.000 EW',
    words: [
      'Gemeinde',
      'Dorf',
      'kleine Gemeinde',
      'kleine Kommune',
      'kleine Stadt',
      'ländliche Kommune',
      'ländliche Gemeinde',
      'ländlich',
      'Kleinstadt',
    ],
  },
  {
    id: 'mittel',
    label: 'Mittlere Stadt (25.000–59.999)',
    short: '25.000–59.999 EW',
    words: ['Mittlere kreisangehörige Stadt', 'Mittelstadt', 'mittlere Stadt', 'mittelgroße Stadt', 'mittelgroße Kommune'],
  },
  {
    id: 'gross',
    label: 'Große Stadt (60.000–99.999)',
    short: '60.000–99.999 EW',
    words: ['Große kreisangehörige Stadt', 'große Stadt', 'größere Stadt'],
  },
  {
    id: 'grossstadt',
    label: 'Großstadt (ab 100.000 Einwohnern)',
    short: 'ab 100.000 EW',
    words: ['kreisfreie Stadt', 'kreisfrei', 'Großstadt', 'Millionenstadt', 'Metropole', 'Oberzentrum'],
  },
  {
    id: 'kreis',
    label: 'Kreis',
    short: 'Kreis',
    words: ['Kreis', 'Landkreis', 'Kreisverwaltung', 'Kreisjugendamt', 'StädteRegion', 'Städteregion Aachen'],
  },
] as const;

type Ids<T extends readonly { id: string }[]> = { [K in keyof T]: T[K]['id'] };
const idsOf = <T extends readonly { id: string }[]>(entries: T) => entries.map((entry) => entry.id) as unknown as Ids<T>;

export const NeedIdSchema = z.enum(idsOf(NEEDS));
export const TargetGroupIdSchema = z.enum(idsOf(TARGET_GROUPS));
export const SizeClassIdSchema = z.enum(idsOf(SIZE_CLASSES));

export type NeedId = z.infer<typeof NeedIdSchema>;
export type TargetGroupId = z.infer<typeof TargetGroupIdSchema>;
export type SizeClassId = z.infer<typeof SizeClassIdSchema>;

export const SizeSchema = z.object({
  class: SizeClassIdSchema,
  inhabitants: z.number().int().positive().optional(),
});
export type Size = z.infer<typeof SizeSchema>;

/**
 * What a municipality is when it applies, apart from its size: Paderborn or Neuss are above 100,000
 * and still kreisangehörig, so a programme for Kreise and kreisfreie Städte reaches them through
 * their Kreis. Aachen, in the StädteRegion, has the rights of a kreisfreie Stadt.
 */
export const MunicipalityKindSchema = z.enum(['kreisfrei', 'kreisangehoerig', 'kreis']);
export type MunicipalityKind = z.infer<typeof MunicipalityKindSchema>;

/** A named NRW municipality or Kreis, as the official directory has it. */
export const MunicipalitySchema = z.object({
  name: z.string().min(1).max(100),
  /** Amtlicher Gemeindeschlüssel: 8 digits for a Gemeinde, 5 for a Kreis. */
  ags: z.string().regex(/^\d{5}(?:\d{3})?$/),
  kind: MunicipalityKindSchema,
  inhabitants: z.number().int().positive(),
  /** The Kreis a kreisangehörige Gemeinde belongs to, by name; null otherwise. */
  kreis: z.string().min(1).max(100).nullable(),
});
export type Municipality = z.infer<typeof MunicipalitySchema>;

/** What the user is looking for; any part may still be unknown. Searches saved before a part existed read it as unknown. */
export const ProfileSchema = z.object({
  needs: z.array(NeedIdSchema),
  targetGroups: z.array(TargetGroupIdSchema),
  size: SizeSchema.nullable(),
  /** The municipality by name, when the user named one; it sets size and kind. */
  municipality: MunicipalitySchema.nullable().optional(),
  /** Kreisfrei, kreisangehörig or Kreis, as said in words ("kreisfreie Stadt"); a named municipality brings its own. */
  kind: MunicipalityKindSchema.nullable().optional(),
});
export type Profile = z.infer<typeof ProfileSchema>;

export const SlotSchema = z.enum(['needs', 'targetGroups', 'size']);
export type Slot = z.infer<typeof SlotSchema>;
export const SLOTS = SlotSchema.options;

export const emptyProfile = (): Profile => ({ needs: [], targetGroups: [], size: null });

/**
 * What the municipality is when it applies: as named, or as said, or by its size class (a Kreis; a
 * town below 100,000 is kreisangehörig, since every kreisfreie Stadt of NRW is larger); null when unknown.
 */
export function kindOf(profile: Profile): MunicipalityKind | null {
  const named = profile.municipality?.kind ?? profile.kind;
  if (named !== undefined && named !== null) return named;
  const size = profile.size?.class;
  if (size === undefined || size === 'grossstadt') return null;
  return size === 'kreis' ? 'kreis' : 'kreisangehoerig';
}

/** The size a named municipality has: its class from its inhabitants, a Kreis always `kreis`. */
export const sizeOfMunicipality = (municipality: Municipality): Size => ({
  class: municipality.kind === 'kreis' ? 'kreis' : sizeClassFor(municipality.inhabitants),
  inhabitants: municipality.inhabitants,
});

export const isFilled = (profile: Profile, slot: Slot): boolean => (slot === 'size' ? profile.size !== null : profile[slot].length > 0);

export const missingSlots = (profile: Profile): Slot[] => SLOTS.filter((slot) => !isFilled(profile, slot));

/** The size class for a count of inhabitants of a town (a Kreis is never derived from a count). */
export function sizeClassFor(inhabitants: number): SizeClassId {
  if (inhabitants >= 100_000) return 'grossstadt';
  if (inhabitants >= 60_000) return 'gross';
  if (inhabitants >= 25_000) return 'mittel';
  return 'klein';
}

const labels = <T extends readonly { id: string; label: string }[]>(entries: T) =>
  Object.fromEntries(entries.map((entry) => [entry.id, entry.label])) as Record<T[number]['id'], string>;

export const NEED_LABELS = labels(NEEDS);
export const TARGET_GROUP_LABELS = labels(TARGET_GROUPS);
export const SIZE_CLASS_LABELS = labels(SIZE_CLASSES);
