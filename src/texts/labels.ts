import type { Applicant, Deadline, FundingType, Level, OwnOffice, Programme } from '../domain/programme.js';
import type { Hit, Mismatch, Reason } from '../domain/matcher.js';
import { germanDate } from '../domain/dates.js';
import {
  NEEDS,
  NEED_LABELS,
  SIZE_CLASS_LABELS,
  type Municipality,
  type Profile,
  type Size,
  type Slot,
  TARGET_GROUPS,
  TARGET_GROUP_LABELS,
} from '../domain/taxonomy.js';
import { list, formatNumber } from './format.js';

/** Labels and phrases shared by the chat, the cards, the tab and the command line. */

export const LEVEL_LABELS: Record<Level, string> = {
  eu: 'EU-Programm',
  bund: 'Bundesprogramm',
  land: 'Landesprogramm',
  kommune: 'Kommunales Programm',
  stiftung: 'Stiftung oder Verein',
};

export const APPLICANT_LABELS: Record<Applicant, string> = {
  gemeinde: 'Städte und Gemeinden',
  kreis: 'Kreise',
  kreisfreie_stadt: 'kreisfreie Städte',
  freier_traeger: 'freie Träger',
  verein: 'Vereine',
  unternehmen: 'Unternehmen',
  person: 'Einzelpersonen',
};

export const FUNDING_TYPE_LABELS: Record<FundingType, string> = {
  zuschuss: 'Zuschuss',
  darlehen: 'Darlehen',
  personalkosten: 'Zuschuss zu Personalkosten',
  sachkosten: 'Zuschuss zu Sachkosten',
  beratung: 'Beratung und Begleitung',
};

export const SLOT_LABELS: Record<Slot, string> = { needs: 'Handlungsfeld', targetGroups: 'Zielgruppe', size: 'Größe der Kommune' };
/** The right form of "which" for each question's noun. */

/** What a municipality of each size is called when its number of inhabitants is known. */
const SIZE_NOUNS: Record<Size['class'], string> = {
  klein: 'Gemeinde',
  mittel: 'Mittlere Stadt',
  gross: 'Große Stadt',
  grossstadt: 'Großstadt',
  kreis: 'Kreis',
};

/** "Gemeinde mit 8.000 Einwohnern", or the size class when no number was said. */
export function sizeText(size: Size): string {
  return size.inhabitants === undefined
    ? SIZE_CLASS_LABELS[size.class]
    : `${SIZE_NOUNS[size.class]} mit ${formatNumber(size.inhabitants)} Einwohnern`;
}

/** "der Kreis Lippe", "der Märkische Kreis", "die StädteRegion Aachen": a Kreis as subject. */
export function kreisNominative(name: string): string {
  if (/^StädteRegion\b/.test(name)) return `die ${name}`;
  return `der ${name.replace(/er Kreis$/, 'e Kreis')}`;
}

/** "den Kreis Lippe", "den Märkischen Kreis", "die StädteRegion Aachen": a Kreis after "über". */
export function kreisAccusative(name: string): string {
  if (/^StädteRegion\b/.test(name)) return `die ${name}`;
  return `den ${name.replace(/er Kreis$/, 'en Kreis')}`;
}

const KIND_WORDS = { kreisfrei: 'kreisfrei', kreisangehoerig: 'kreisangehörig', kreis: 'Kreis' } as const;

/** "Gütersloh (Kreis Gütersloh, 101.000 Einwohner)", "Köln (kreisfrei, 1.084.000 Einwohner)", "Kreis Lippe (348.000 Einwohner)" */
export function municipalityText(municipality: Municipality): string {
  const where = municipality.kind === 'kreis' ? [] : [municipality.kreis ?? KIND_WORDS[municipality.kind]];
  return `${municipality.name} (${[...where, `${formatNumber(municipality.inhabitants)} Einwohner`].join(', ')})`;
}

/** A municipality as a choice among all of NRW: "Gütersloh (Kreis Gütersloh)", "Köln (kreisfreie Stadt)", "Kreis Lippe". */
export function municipalityChoice(municipality: Municipality): string {
  if (municipality.kind === 'kreis') return municipality.name;
  return `${municipality.name} (${municipality.kind === 'kreisfrei' ? 'kreisfreie Stadt' : (municipality.kreis ?? KIND_WORDS.kreisangehoerig)})`;
}

/** "Sprache · Geflüchtete + Frauen & Familien · Gemeinde mit 8.000 Einwohnern" */
export function profileText(profile: Profile): string {
  const kindSaid = profile.municipality == null && profile.kind != null && profile.kind !== 'kreis' ? `, ${KIND_WORDS[profile.kind]}` : '';
  const parts = [
    // The labels have commas of their own: several are joined with "+", as the tab shows them.
    profile.needs.map((id) => NEED_LABELS[id]).join(' + '),
    profile.targetGroups.map((id) => TARGET_GROUP_LABELS[id]).join(' + '),
    profile.municipality != null
      ? municipalityText(profile.municipality)
      : profile.size === null
        ? ''
        : `${sizeText(profile.size)}${kindSaid}`,
  ];
  return parts.filter((part) => part !== '').join(' · ');
}

const SIZE_AUDIENCE: Record<string, string> = {
  klein: 'Gemeinden unter 25.000 Einwohnern',
  mittel: 'Städte mit 25.000 bis 59.999 Einwohnern',
  gross: 'Städte mit 60.000 bis 99.999 Einwohnern',
  grossstadt: 'Städte ab 100.000 Einwohnern',
  kreis: 'Kreise',
};

// Short labels read well inside a sentence ("passt zu Ehrenamt und Zusammenleben").
const SHORT_NEED = Object.fromEntries(NEEDS.map((need) => [need.id, need.short])) as Record<string, string>;
const SHORT_GROUP = Object.fromEntries(TARGET_GROUPS.map((group) => [group.id, group.short])) as Record<string, string>;

export function reasonText(reason: Reason): string {
  switch (reason.kind) {
    case 'need':
      return `passt zu ${list(reason.needs.map((id) => SHORT_NEED[id] ?? id))}`;
    case 'targetGroup':
      return `für ${list(reason.targetGroups.map((id) => SHORT_GROUP[id] ?? id))}`;
    case 'openToAllGroups':
      return 'offen für alle Zielgruppen';
    case 'ages':
      return reason.min !== undefined && reason.max !== undefined
        ? `für Menschen von ${reason.min} bis ${reason.max} Jahren`
        : reason.min !== undefined
          ? `für Menschen ab ${reason.min} Jahren`
          : `für Menschen bis ${reason.max} Jahre`;
    case 'sizeClasses':
      return `für ${list(reason.sizeClasses.map((id) => SIZE_AUDIENCE[id] ?? id))}`;
    case 'viaIntermediary':
      return 'Antrag über eine andere Stelle';
    case 'selfApplies':
      return 'Antrag durch Ihre Kommune';
    case 'viaKreis':
      return `Antrag über ${reason.kreis === null ? 'Ihren Kreis' : kreisAccusative(reason.kreis)}${
        reason.ownOffice === undefined ? '' : ` (mit ${OWN_OFFICE[reason.ownOffice]} selbst)`
      }`;
    case 'deadlineSoon':
      return reason.days === 0 ? 'Frist endet heute' : reason.days === 1 ? 'Frist endet morgen' : `Frist in ${reason.days} Tagen`;
    case 'rolling':
      return 'Antrag jederzeit möglich';
  }
}

export function mismatchText(mismatch: Mismatch): string {
  switch (mismatch.kind) {
    case 'needNotCovered':
      return `fördert nicht ${list(mismatch.needs.map((id) => SHORT_NEED[id] ?? id))}`;
    case 'targetGroupNotCovered':
      return `nicht eigens für ${list(mismatch.targetGroups.map((id) => SHORT_GROUP[id] ?? id))}`;
  }
}

const daysLeftText = (daysLeft: number | null) =>
  daysLeft === 0 ? 'endet heute' : daysLeft === 1 ? 'noch 1 Tag' : `noch ${daysLeft ?? '?'} Tage`;

export function deadlineText(deadline: Deadline, daysLeft: number | null): string {
  switch (deadline.kind) {
    case 'laufend':
      return 'laufend';
    case 'beendet':
      return `beendet (seit ${germanDate(deadline.date)})`;
    case 'naechste_runde':
      return `nächste Antragsrunde noch nicht bekannt${deadline.previous === undefined ? '' : ` (zuletzt bis ${germanDate(deadline.previous)})`}`;
    case 'stichtag':
      if (daysLeft !== null && daysLeft < 0) return `abgelaufen am ${germanDate(deadline.date)}`;
      return `bis ${germanDate(deadline.date)} – ${daysLeftText(daysLeft)}`;
    case 'jaehrlich':
      return `jährlich bis ${String(deadline.day).padStart(2, '0')}.${String(deadline.month).padStart(2, '0')}. – ${daysLeftText(daysLeft)}`;
  }
}

/** "Zuschuss · bis 80 % · mindestens 10.000 € · höchstens 50.000 €": the type and the figures, without the longer note. */
export function amountText(programme: {
  fundingType: FundingType;
  fundingRate?: number | undefined;
  minAmount?: number | undefined;
  maxAmount?: number | undefined;
}): string {
  return [
    FUNDING_TYPE_LABELS[programme.fundingType],
    programme.fundingRate === undefined ? '' : `bis ${formatNumber(programme.fundingRate)} % der Kosten`,
    programme.minAmount === undefined ? '' : `mindestens ${formatNumber(programme.minAmount)} €`,
    programme.maxAmount === undefined ? '' : `höchstens ${formatNumber(programme.maxAmount)} €`,
  ]
    .filter((part) => part !== '')
    .join(' · ');
}

/** The office a kreisangehörige Gemeinde needs of its own to apply itself, in the dative. */
const OWN_OFFICE: Record<OwnOffice, string> = {
  jugendamt: 'eigenem Jugendamt',
  auslaenderbehoerde: 'eigener Ausländer- oder Einbürgerungsbehörde',
};

export const card = {
  funded: 'Gefördert wird:',
  applicants: 'Antragsberechtigt:',
  participants: 'Teilnehmen können:',
  via: 'Antragsweg:',
  amount: 'Förderung:',
  amountNote: 'Zur Höhe:',
  ownShare: 'Eigenanteil:',
  ownShareText: (rate: number) => `mindestens ${formatNumber(100 - rate)} % der Kosten`,
  deadline: 'Frist:',
  contact: 'Kontakt:',
  whyFits: '✓',
  whatNotFits: '✗',
  details: 'Details',
  openPage: 'Zur Förderseite',
  source: 'Quelle',
  watch: 'Merken',
  unwatch: 'Entfernen',
  direct: 'Ihre Kommune stellt den Antrag selbst.',
  viaKreis: (kreis: string | null, ownOffice?: OwnOffice) =>
    ownOffice === undefined
      ? `Den Antrag stellt ${kreis === null ? 'Ihr Kreis' : kreisNominative(kreis)}; fragen Sie dort, wie Ihre Kommune beteiligt wird.`
      : `Mit ${OWN_OFFICE[ownOffice]} stellt Ihre Kommune den Antrag selbst, sonst ${kreis === null ? 'Ihr Kreis' : kreisNominative(kreis)}.`,
  /** Nobody the municipality could ask applies: it can point people to the programme. */
  informationOnly: (programme: Programme) =>
    programme.withoutApplication ??
    `Den Antrag stellen ${programme.applicants.includes('person') ? 'die Menschen' : 'Unternehmen'} selbst; Ihre Kommune kann auf das Programm hinweisen.${
      programme.viaIntermediary === undefined ? '' : ` ${programme.viaIntermediary}`
    }`,
  asOf: (isoDate: string) => `Stand: ${germanDate(isoDate)}`,
};

/** The example sentence the chat and the tab offer. */
export const EXAMPLE = '„Sprachkurse für geflüchtete Frauen, Gemeinde mit 8.000 Einwohnern“';

/** How the municipality searched for uses the programme, as card and tab say it; nothing when that is not certain. */
export function routeText(hit: Hit): string | undefined {
  switch (hit.access) {
    case 'direct':
      return hit.reasons.some((reason) => reason.kind === 'selfApplies') ? card.direct : undefined;
    case 'viaKreis': {
      const reason = hit.reasons.find((candidate) => candidate.kind === 'viaKreis');
      return reason?.kind === 'viaKreis' ? card.viaKreis(reason.kreis, reason.ownOffice) : card.viaKreis(null);
    }
    case 'intermediary':
      return hit.programme.viaIntermediary;
    case 'information':
      return card.informationOnly(hit.programme);
  }
}
