import { z } from 'zod';

/**
 * The three questions the bot asks, with the ids every part of the project shares.
 * `short` fits on a button (20 characters at most in every channel); words are what people type,
 * the recognizer folds case, umlauts and inflection itself.
 */

export const NEEDS = [
  { id: 'wohnen', label: 'Wohnen & Unterbringung', short: 'Wohnen', words: ['Wohnen', 'Wohnraum', 'Wohnung', 'Unterkunft', 'Unterkünfte', 'Unterbringung', 'Flüchtlingsunterkunft', 'sozialer Wohnungsbau', 'Wohnungsbau', 'Wohnraummanagement', 'Vermieter', 'Mietwohnung', 'Obdach', 'Wohnungslosigkeit'] },
  { id: 'arbeit', label: 'Arbeit & Ausbildung', short: 'Arbeit & Ausbildung', words: ['Arbeit', 'Arbeitsmarkt', 'Arbeitsmarktintegration', 'Job', 'Beschäftigung', 'Ausbildung', 'Azubi', 'Qualifizierung', 'Berufsanerkennung', 'Anerkennung', 'Praktikum', 'Arbeitgeber', 'Beruf', 'Erwerbstätigkeit'] },
  { id: 'sprache', label: 'Sprache', short: 'Sprache', words: ['Sprache', 'Sprachkurs', 'Deutschkurs', 'Integrationskurs', 'Sprachförderung', 'Sprachcafé', 'Sprachcafe', 'Alphabetisierung', 'DaZ', 'Deutsch lernen', 'Sprachkenntnisse'] },
  { id: 'bildung', label: 'Bildung & Schule', short: 'Bildung & Schule', words: ['Bildung', 'Kita', 'Kindertagesstätte', 'Kindergarten', 'Schule', 'Bildungsangebot', 'Nachhilfe', 'Hausaufgabenhilfe', 'Elternarbeit', 'Bildungsmaßnahme', 'Weiterbildung', 'frühkindlich'] },
  { id: 'beratung', label: 'Beratung & Case Management', short: 'Beratung', words: ['Beratung', 'Fallmanagement', 'Case Management', 'Casemanagement', 'Einzelfallbegleitung', 'Erstberatung', 'Clearing', 'Migrationsberatung', 'Anlaufstelle', 'Begleitung', 'Lotsen'] },
  { id: 'gesundheit', label: 'Gesundheit & psychosoziale Versorgung', short: 'Gesundheit', words: ['Gesundheit', 'psychosozial', 'Trauma', 'Traumatisierte', 'Therapie', 'psychische Gesundheit', 'Gesundheitsversorgung', 'medizinisch', 'Pflege'] },
  { id: 'engagement', label: 'Ehrenamt & Kulturmittler', short: 'Ehrenamt', words: ['Ehrenamt', 'ehrenamtlich', 'Freiwilligenarbeit', 'Patenschaft', 'Paten', 'Mentoring', 'Kulturmittler', 'Sprachmittler', 'Integrationslotsen', 'Migrantenorganisation', 'Migrantenselbstorganisation', 'Engagement', 'Bürgerschaftliches Engagement'] },
  { id: 'zusammenleben', label: 'Zusammenleben & Teilhabe', short: 'Zusammenleben', words: ['Zusammenleben', 'Teilhabe', 'Quartier', 'Nachbarschaft', 'Begegnung', 'Begegnungsstätte', 'Sport', 'Kultur', 'Antidiskriminierung', 'Diskriminierung', 'Demokratie', 'sozialer Zusammenhalt', 'Zusammenhalt', 'Stadtteil'] },
  { id: 'kommunikation', label: 'Öffentlichkeitsarbeit & Information', short: 'Information', words: ['Öffentlichkeitsarbeit', 'Kommunikation', 'Kampagne', 'Infomaterial', 'Informationsmaterial', 'mehrsprachige Informationen', 'mehrsprachig', 'Website', 'Webseite', 'Angebote bekannt machen', 'Information', 'Flyer', 'Dolmetschen', 'Übersetzung'] },
  { id: 'rueckkehr', label: 'Freiwillige Rückkehr', short: 'Rückkehr', words: ['Rückkehr', 'freiwillige Rückkehr', 'Rückkehrberatung', 'Rückkehrförderung', 'Perspektivberatung', 'Reintegration', 'Ausreise'] },
  { id: 'personal', label: 'Personal & Integrationsstrukturen', short: 'Personal', words: ['Personal', 'Stellen', 'Stelle', 'Personalkosten', 'Koordination', 'Koordinierung', 'Integrationsmanagement', 'Netzwerkarbeit', 'Integrationskonzept', 'Hauptamt', 'hauptamtlich', 'Strukturen', 'Integrationsstrukturen'] },
] as const;

export const TARGET_GROUPS = [
  { id: 'gefluechtete', label: 'Geflüchtete', short: 'Geflüchtete', words: ['Geflüchtete', 'geflüchtet', 'Flüchtling', 'Flüchtlinge', 'Asylsuchende', 'Asylbewerber', 'Asyl', 'Schutzsuchende', 'Geduldete', 'Ukraine', 'Vertriebene', 'UMA', 'umF'] },
  { id: 'neuzugewanderte', label: 'Neuzugewanderte & Menschen mit Einwanderungsgeschichte', short: 'Neuzugewanderte', words: ['Neuzugewanderte', 'neu zugewandert', 'Migranten', 'Migrantinnen', 'Migration', 'Zuwanderer', 'Zugewanderte', 'Zuwanderung', 'EU-Zuwanderer', 'Einwanderer', 'Einwanderung', 'Einwanderungsgeschichte', 'Migrationshintergrund', 'Migrationsgeschichte'] },
  { id: 'kinder_jugendliche', label: 'Kinder, Jugendliche & junge Erwachsene', short: 'Kinder & Jugendliche', words: ['Kinder', 'Kind', 'Jugendliche', 'Jugend', 'Schüler', 'Schülerinnen', 'junge Menschen', 'junge Erwachsene', 'junge Geflüchtete', 'UMA', 'umF', 'Minderjährige'] },
  { id: 'frauen_familien', label: 'Frauen & Familien', short: 'Frauen & Familien', words: ['Frauen', 'Frau', 'Mütter', 'Mutter', 'Väter', 'Eltern', 'Familien', 'Familie', 'Alleinerziehende'] },
  { id: 'ehrenamtliche', label: 'Ehrenamtliche & Kulturmittler', short: 'Ehrenamtliche', words: ['Ehrenamtliche', 'Freiwillige', 'Helferkreis', 'Helfer', 'Kulturmittler', 'Sprachmittler', 'Engagierte'] },
  { id: 'fachkraefte', label: 'Kommunales Personal & Fachkräfte', short: 'Fachkräfte', words: ['Mitarbeitende', 'Mitarbeiter', 'Verwaltung', 'Fachkräfte', 'Fachkraft', 'Sozialarbeiter', 'Sozialarbeiterinnen', 'Integrationsbeauftragte', 'Beschäftigte der Verwaltung', 'Personal'] },
  { id: 'alle', label: 'Alle Einwohnerinnen und Einwohner', short: 'Alle', words: ['alle', 'Bevölkerung', 'Stadtgesellschaft', 'Bürgerinnen und Bürger', 'Bürger', 'Einwohnerschaft', 'alle Einwohner', 'egal'] },
] as const;

export const SIZE_CLASSES = [
  { id: 'klein', label: 'Gemeinde unter 25.000 Einwohner', short: 'unter 25.000 EW', minInhabitants: 0, words: ['Dorf', 'kleine Gemeinde', 'ländliche Kommune', 'kleine Kommune', 'Kleinstadt', 'Gemeinde', 'ländlich'] },
  { id: 'mittel', label: 'Mittlere Stadt (25.000–59.999)', short: '25.000–59.999 EW', minInhabitants: 25_000, words: ['Mittlere kreisangehörige Stadt', 'Mittelstadt', 'mittlere Stadt', 'mittelgroße Stadt'] },
  { id: 'gross', label: 'Große Stadt (60.000–99.999)', short: '60.000–99.999 EW', minInhabitants: 60_000, words: ['Große kreisangehörige Stadt', 'große Stadt'] },
  { id: 'grossstadt', label: 'Großstadt / kreisfreie Stadt (ab 100.000)', short: 'ab 100.000 EW', minInhabitants: 100_000, words: ['kreisfreie Stadt', 'kreisfrei', 'Großstadt', 'Metropole'] },
  { id: 'kreis', label: 'Kreis', short: 'Kreis', minInhabitants: null, words: ['Kreis', 'Landkreis', 'Kreisverwaltung', 'Kreis Lippe', 'StädteRegion', 'Städteregion Aachen'] },
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

/** What the user is looking for; any part may still be unknown. */
export const ProfileSchema = z.object({
  needs: z.array(NeedIdSchema),
  targetGroups: z.array(TargetGroupIdSchema),
  size: SizeSchema.nullable(),
});
export type Profile = z.infer<typeof ProfileSchema>;

export const SlotSchema = z.enum(['needs', 'targetGroups', 'size']);
export type Slot = z.infer<typeof SlotSchema>;
export const SLOTS = SlotSchema.options;

export const emptyProfile = (): Profile => ({ needs: [], targetGroups: [], size: null });

export const isFilled = (profile: Profile, slot: Slot): boolean =>
  slot === 'size' ? profile.size !== null : profile[slot].length > 0;

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
