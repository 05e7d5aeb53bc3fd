import type { Applicant, Deadline, FundingType, Level } from '../domain/programme.js';
import type { Mismatch, Reason } from '../domain/matcher.js';
import { germanDate } from '../domain/dates.js';
import { NEEDS, NEED_LABELS, SIZE_CLASS_LABELS, type Profile, type Size, type Slot, TARGET_GROUPS, TARGET_GROUP_LABELS } from '../domain/taxonomy.js';

/** Every German sentence the bot, the cards and the CLI show: short, friendly, "Sie". */

const list = (items: readonly string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} und ${items[items.length - 1]}`;
const groupedNumber = (value: number) => value.toLocaleString('de-DE');

/** Store text inside a chat message shows as written: markdown characters are escaped, not interpreted. */
export const escapeMarkdown = (text: string): string => text.replace(/[\\`*_[\]<>~|]/g, '\\$&');

export const LEVEL_LABELS: Record<Level, string> = { eu: 'EU-Programm', bund: 'Bundesprogramm', land: 'Landesprogramm', kommune: 'Kommunales Programm', stiftung: 'Stiftung' };

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

export function sizeText(size: Size): string {
  const label = SIZE_CLASS_LABELS[size.class];
  return size.inhabitants === undefined ? label : `${label}, ${groupedNumber(size.inhabitants)} Einwohner`;
}

/** "Sprache · Geflüchtete, Frauen & Familien · Gemeinde unter 25.000 Einwohner" */
export function profileText(profile: Profile): string {
  const parts = [
    profile.needs.map((id) => NEED_LABELS[id]).join(', '),
    profile.targetGroups.map((id) => TARGET_GROUP_LABELS[id]).join(', '),
    profile.size === null ? '' : sizeText(profile.size),
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
    case 'sizeClasses':
      return `für ${list(reason.sizeClasses.map((id) => SIZE_AUDIENCE[id] ?? id))}`;
    case 'viaIntermediary':
      return 'Antrag über eine andere Stelle';
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

export function deadlineText(deadline: Deadline, daysLeft: number | null): string {
  switch (deadline.kind) {
    case 'laufend':
      return 'laufend';
    case 'beendet':
      return `beendet (seit ${germanDate(deadline.date)})`;
    case 'stichtag':
      if (daysLeft !== null && daysLeft < 0) return `abgelaufen am ${germanDate(deadline.date)}`;
      return `bis ${germanDate(deadline.date)} — ${daysLeft === 0 ? 'endet heute' : daysLeft === 1 ? 'noch 1 Tag' : `noch ${daysLeft} Tage`}`;
  }
}

/** "Zuschuss · bis 80 % · höchstens 50.000 €": the type and the figures, without the longer note. */
export function amountText(programme: { fundingType: FundingType; fundingRate?: number | undefined; maxAmount?: number | undefined }): string {
  return [
    FUNDING_TYPE_LABELS[programme.fundingType],
    programme.fundingRate === undefined ? '' : `bis ${groupedNumber(programme.fundingRate)} %`,
    programme.maxAmount === undefined ? '' : `höchstens ${groupedNumber(programme.maxAmount)} €`,
  ]
    .filter((part) => part !== '')
    .join(' · ');
}

export const card = {
  funded: 'Gefördert wird:',
  applicants: 'Antragsberechtigt:',
  via: 'So nutzen Sie es:',
  amount: 'Förderung:',
  amountNote: 'Zur Höhe:',
  deadline: 'Frist:',
  contact: 'Kontakt:',
  whyFits: '✓',
  whatNotFits: '✗',
  details: 'Details',
  openPage: 'Zur Förderseite',
  source: 'Quelle',
  checked: (isoDate: string) => `Angaben geprüft am ${germanDate(isoDate)}`,
};

const EXAMPLE = '„Sprachkurse für geflüchtete Frauen, Gemeinde mit 8.000 Einwohnern“';

export const texts = {
  welcome: [
    'Guten Tag! Ich bin der **Förderlotse NRW**.',
    'Ich finde Förderprogramme von EU, Bund, Land und Stiftungen für die Integrationsarbeit Ihrer Kommune. Dafür frage ich nach dem Handlungsfeld, der Zielgruppe und der Größe Ihrer Kommune.',
    `Sie können auch alles in einem Satz schreiben, zum Beispiel: ${EXAMPLE}`,
    'Mit „hilfe“ erkläre ich jeden Schritt, mit „neue Suche“ beginnen Sie von vorn.',
  ].join('\n\n'),

  welcomeTeam: [
    'Hallo zusammen! Ich bin der **Förderlotse NRW** und finde Förderprogramme für die Integrationsarbeit Ihrer Kommune.',
    'Erwähnen Sie mich mit @Förderlotse NRW und schreiben Sie, was Sie suchen – jede und jeder sucht dabei für sich. Im persönlichen Chat mit mir geht es ohne Erwähnung.',
  ].join('\n\n'),

  ask: {
    needs: 'Wofür suchen Sie Förderung? Wählen Sie ein Handlungsfeld oder beschreiben Sie es in eigenen Worten.',
    targetGroups: 'Für welche Zielgruppe ist das Vorhaben?',
    size: 'Wie groß ist Ihre Kommune? Wählen Sie aus oder nennen Sie die Einwohnerzahl (z. B. „8.000“).',
  } satisfies Record<Slot, string>,

  retry: {
    needs: 'Das habe ich nicht als Handlungsfeld erkannt. Bitte wählen Sie eines aus der Liste oder nennen Sie ein Stichwort wie „Sprachkurs“, „Wohnraum“ oder „Ehrenamt“.',
    targetGroups: 'Das habe ich nicht als Zielgruppe erkannt. Bitte wählen Sie aus der Liste oder schreiben Sie z. B. „Geflüchtete“, „Jugendliche“ oder „Familien“.',
    size: 'Das habe ich nicht als Größe erkannt. Bitte wählen Sie aus der Liste oder nennen Sie die Einwohnerzahl, z. B. „45.000“ oder „ca. 45 Tsd.“.',
  } satisfies Record<Slot, string>,

  help: {
    needs: `Nennen Sie, wofür Sie Geld suchen: ein Handlungsfeld aus der Liste, seine Nummer oder ein Stichwort wie „Sprachkurs“ oder „Wohnraum“. Sie können auch alles in einem Satz sagen, z. B. ${EXAMPLE}.`,
    targetGroups: 'Nennen Sie, wen Ihr Vorhaben erreichen soll: z. B. „Geflüchtete“, „Jugendliche“, „Frauen“ oder „alle“. Mit „zurück“ ändern Sie die vorige Antwort.',
    size: 'Nennen Sie die Größe Ihrer Kommune: eine Größenklasse, „Kreis“ oder die Einwohnerzahl („8.000“, „ca. 45 Tsd.“). Davon hängt ab, welche Programme Ihre Kommune selbst beantragen kann.',
    results: 'Sie können weitere Ergebnisse ansehen, eine Angabe ändern („Zielgruppe ändern“) oder eine neue Suche beginnen. Eine neue Angabe können Sie auch einfach schreiben, z. B. „eher Wohnen“.',
    general: `Ich suche Förderprogramme für die Integrationsarbeit Ihrer Kommune. Schreiben Sie, wofür, für wen und wie groß Ihre Kommune ist, z. B. ${EXAMPLE}.`,
  },

  clarify: (slot: Slot, labels: string[]) =>
    labels.length === 1
      ? `Habe ich Sie richtig verstanden: ${SLOT_LABELS[slot]} „${labels[0]}“?`
      : `Ich bin nicht sicher, welche ${SLOT_LABELS[slot]} Sie meinen. Meinten Sie ${labels.map((label) => `„${label}“`).join(' oder ')}?`,
  choiceCard: { placeholder: 'Bitte wählen Sie aus', submit: 'Weiter', typeInstead: 'Oder schreiben Sie es in eigenen Worten.' },
  noneOfThese: 'Nichts davon',
  yesWords: ['ja', 'ja genau', 'genau', 'richtig', 'stimmt', 'ja bitte', 'jawohl'],

  commandsHint: 'Jederzeit möglich: „hilfe“, „zurück“, „neue Suche“, „abbrechen“.',
  searchingFor: (profile: Profile) => `Ich suche nach: ${profileText(profile)}`,
  resultsCount: (shown: number, total: number, from: number) =>
    total === 1
      ? 'Ich habe 1 passendes Programm gefunden:'
      : from > 1
        ? `Programme ${from} bis ${from + shown - 1} von ${total}:`
        : shown === total
          ? `Ich habe ${total} passende Programme gefunden:`
          : `Ich habe ${total} passende Programme gefunden, hier die ersten ${shown}:`,
  noExactMatch: 'Kein Programm passt genau zu allen Angaben. Diese kommen am nächsten; auf jeder Karte steht, was nicht passt:',
  nothingAtAll: 'Dazu habe ich leider kein offenes Programm gefunden, das Ihre Kommune nutzen kann. Versuchen Sie ein anderes Handlungsfeld oder eine andere Zielgruppe.',
  closedNote: (items: { title: string; deadline: Deadline; successor: string | undefined }[], more: number) => {
    const described = items.map(({ title, deadline, successor }) => {
      const status = deadline.kind === 'beendet' ? `beendet seit ${germanDate(deadline.date)}` : deadline.kind === 'stichtag' ? `Frist abgelaufen am ${germanDate(deadline.date)}` : 'nicht offen';
      return `${title} (${status}${successor === undefined ? '' : `; Nachfolger: ${successor}`})`;
    });
    return ['Nicht mehr offen, zur Information:', ...described.map((line) => `- ${line}`), ...(more > 0 ? [`- und ${more} weitere`] : [])].join('\n');
  },
  noMoreResults: 'Das waren alle Ergebnisse.',

  nextPrompt: 'Wie möchten Sie weitermachen?',
  next: {
    more: 'Weitere Ergebnisse',
    changeNeeds: 'Handlungsfeld ändern',
    changeTargetGroups: 'Zielgruppe ändern',
    changeSize: 'Größe ändern',
    restart: 'Neue Suche',
  },
  nextRetry: 'Bitte wählen Sie eine der Möglichkeiten oder schreiben Sie eine neue Angabe, z. B. „eher Wohnen“.',

  back: {
    atStart: 'Sie sind schon bei der ersten Frage.',
  },
  cancelConfirm: 'Möchten Sie die Suche wirklich abbrechen?',
  yes: 'Ja',
  no: 'Nein',
  cancelled: 'Die Suche ist abgebrochen. Schreiben Sie mir, wenn Sie wieder etwas suchen, z. B. „neue Suche“.',
  cancelNotConfirmed: 'Gut, dann machen wir weiter.',
  nothingToCancel: 'Es läuft gerade keine Suche. Schreiben Sie mir einfach, wofür Sie Förderung suchen.',
  restarting: 'Gern, wir beginnen eine neue Suche.',

  turnError: 'Entschuldigung, da ist bei mir etwas schiefgegangen. Bitte schreiben Sie Ihre Nachricht noch einmal; Ihre Suche beginnt dann von vorn.',
};
