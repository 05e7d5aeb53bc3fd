import type { Applicant, Deadline, FundingType, Level } from '../domain/programme.js';
import type { Mismatch, Reason } from '../domain/matcher.js';
import type { PackageSummary } from '../cli/appPackage.js';
import { type CatalogueSummary, type Finding, MIN_USABLE_PER_NEED } from '../domain/catalogueCheck.js';
import type { ImportChange } from '../domain/catalogueImport.js';
import { CSV_COLUMNS, type CsvProblem } from '../domain/programmeCsv.js';
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
/** The right form of "which" for each question's noun. */
const WHICH: Record<Slot, string> = { needs: 'welches', targetGroups: 'welche', size: 'welche' };

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
    case 'naechste_runde':
      return `nächste Antragsrunde noch nicht bekannt${deadline.previous === undefined ? '' : ` (zuletzt bis ${germanDate(deadline.previous)})`}`;
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
  watch: 'Merken',
  unwatch: 'Entfernen',
  asOf: (isoDate: string) => `Stand: ${germanDate(isoDate)}`,
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
    results:
      'Sie können weitere Ergebnisse ansehen, eine Angabe ändern („Zielgruppe ändern“) oder eine neue Suche beginnen. Eine neue Angabe können Sie auch einfach schreiben, z. B. „eher Wohnen“. Mit „Merken“ auf einer Karte erinnere ich Sie an die Frist („Merkliste“); „Suche speichern“ meldet neue passende Programme.',
    general: `Ich suche Förderprogramme für die Integrationsarbeit Ihrer Kommune. Schreiben Sie, wofür, für wen und wie groß Ihre Kommune ist, z. B. ${EXAMPLE}.`,
  },

  clarify: (slot: Slot, labels: string[]) =>
    labels.length === 1
      ? `Habe ich Sie richtig verstanden: ${SLOT_LABELS[slot]} „${labels[0]}“?`
      : `Ich bin nicht sicher, ${WHICH[slot]} ${SLOT_LABELS[slot]} Sie meinen. Meinten Sie ${labels.map((label) => `„${label}“`).join(' oder ')}?`,
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
    save: 'Suche speichern',
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

  pleaseRepeat: 'Ihre Nachricht kam gleichzeitig mit einer anderen an, und ich konnte sie nicht sicher zuordnen. Bitte schreiben Sie sie noch einmal.',
  englishHint: 'Sorry, I only understand German. Please write your request in German, for example: „Sprachkurse für geflüchtete Frauen, Gemeinde mit 8.000 Einwohnern“.',
  slowDown: 'Das waren sehr viele Nachrichten auf einmal. Ich beantworte die nächsten erst in ein paar Sekunden wieder – bitte schreiben Sie dann noch einmal.',
  storageDown: 'Entschuldigung, ich kann Ihre Angaben gerade nicht speichern. Bitte versuchen Sie es in ein paar Minuten noch einmal; was Sie bisher angegeben haben, bleibt erhalten.',
  turnError: 'Entschuldigung, da ist bei mir etwas schiefgegangen. Bitte schreiben Sie Ihre Nachricht noch einmal; Ihre Suche beginnt dann von vorn.',
  stateUnreadable: 'Ihre bisherigen Angaben konnten nicht gelesen werden – wir beginnen von vorn.',
};

/** The programme tab, its JSON API and the legal pages (src/web/). */
export const webTexts = {
  tab: {
    pageTitle: 'Förderlotse NRW – Programme',
    heading: 'Förderlotse NRW',
    intro: 'Förderprogramme für die Integrationsarbeit Ihrer Kommune – suchen oder alle ansehen.',
    skipLink: 'Zum Inhalt springen',
    views: 'Ansicht',
    searchView: 'Suche',
    browseView: 'Alle Programme',
    freeText: 'Beschreiben Sie Ihr Vorhaben',
    freeTextHint: `Zum Beispiel ${EXAMPLE}. Was ich verstehe, trage ich in die Felder darunter ein.`,
    fields: 'Oder wählen Sie selbst',
    need: SLOT_LABELS.needs,
    targetGroup: SLOT_LABELS.targetGroups,
    size: SLOT_LABELS.size,
    any: 'beliebig',
    search: 'Programme suchen',
    clear: 'Eingaben leeren',
    filters: 'Filter',
    level: 'Ebene',
    anyLevel: 'Alle Ebenen',
    deadlineSoon: (days: number) => `Frist in den nächsten ${days} Tagen`,
    showEnded: 'beendete zeigen',
    privacy: 'Datenschutz',
    terms: 'Nutzungsbedingungen',
    noScript: 'Für die Suche braucht diese Seite JavaScript. Bitte schalten Sie es ein oder nutzen Sie den Chat mit dem Förderlotsen.',
  },

  /** Sent to the browser script as JSON: plain strings only, `{name}` marks a value it fills in. */
  client: {
    ...card,
    checked: 'Stand: {date}',
    understood: 'Verstanden: {profile}',
    notUnderstood: 'In Ihrem Text habe ich kein Handlungsfeld, keine Zielgruppe und keine Größe erkannt. Versuchen Sie Stichworte wie „Sprachkurs“, „Wohnraum“ oder „Jugendliche“, oder wählen Sie in den Feldern.',
    unsure: 'Nicht sicher erkannt: {labels}. Wählen Sie es in den Feldern aus, wenn Sie das meinen.',
    emptySearch: 'Bitte beschreiben Sie Ihr Vorhaben oder wählen Sie mindestens ein Feld aus.',
    badLink: 'Dieser Suchlink enthält eine Angabe, die ich nicht kenne. Bitte suchen Sie oben neu.',
    loading: 'Programme werden geladen …',
    loadFailed: 'Die Programme konnten gerade nicht geladen werden. Bitte versuchen Sie es gleich noch einmal.',
    more: 'Weitere anzeigen (noch {count})',
    range: 'Programme {from} bis {to} von {total} werden angezeigt.',
    ended: 'beendet',
    successor: 'Nachfolger:',
    topics: 'Handlungsfelder:',
    groups: 'Zielgruppen:',
    openToAll: 'alle Zielgruppen',
    newWindow: '(öffnet in neuem Fenster)',
    germanOnly: 'Hinweis: Der Förderlotse ist nur auf Deutsch verfügbar.',
  },

  api: {
    unknownParameter: (name: string, allowed: readonly string[]) => `Unbekannter Parameter „${name}“. Erlaubt sind: ${allowed.join(', ')}.`,
    repeatedParameter: (name: string) => `Der Parameter „${name}“ darf nur einmal vorkommen.`,
    invalidValue: (name: string, value: string, expected: string) => `Ungültiger Wert „${value}“ für „${name}“. Erwartet: ${expected}.`,
    sizeConflict: (inhabitants: number, size: string, fitting: string) =>
      `„inhabitants=${inhabitants}“ passt nicht zu „size=${size}“: Bei ${groupedNumber(inhabitants)} Einwohnern ist die Größenklasse „${fitting}“. Lassen Sie eine der beiden Angaben weg.`,
    expected: {
      ids: (what: string, ids: readonly string[]) => `${what} (${ids.join(', ')}), mehrere mit Komma getrennt oder als wiederholter Parameter`,
      oneId: (what: string, ids: readonly string[]) => `${what} (${ids.join(', ')})`,
      needs: 'Handlungsfelder',
      targetGroups: 'Zielgruppen',
      sizeClass: 'eine Größenklasse',
      levels: 'Ebenen',
      status: 'open, ended oder all',
      wholeNumber: (min: number, max: number) => `eine ganze Zahl ohne Trennzeichen von ${groupedNumber(min)} bis ${groupedNumber(max)}`,
      freeText: (maxChars: number) => `Freitext mit höchstens ${maxChars} Zeichen`,
    },
    methodNotAllowed: (method: string) => `${method} ist hier nicht erlaubt. Diese Adresse beantwortet nur GET und HEAD.`,
    internalError: 'Die Programme konnten gerade nicht geladen werden. Bitte versuchen Sie es gleich noch einmal.',
    summary: (answer: { mode: 'search' | 'browse'; fit: 'exact' | 'closest' | 'none'; total: number; ended: number; onlyEnded: boolean; filtered: boolean }) => {
      const { mode, fit, total, ended, onlyEnded, filtered } = answer;
      const programmes = (count: number) => (count === 1 ? '1 Programm' : `${count} Programme`);
      const endedNote = ended > 0 && !onlyEnded ? ` Davon ${ended} beendet.` : '';
      if (total === 0) {
        if (filtered) return 'Mit diesen Filtern bleibt kein Programm übrig. Ändern Sie die Filter.';
        if (onlyEnded) return 'Dazu gibt es kein beendetes Programm.';
        return mode === 'browse' ? 'Es sind keine Programme eingetragen.' : texts.nothingAtAll;
      }
      if (onlyEnded) return `${programmes(total)} nicht mehr offen, zur Information.`;
      if (mode === 'browse') return `${programmes(total)} gefunden.${endedNote}`;
      if (fit === 'closest') return `Kein Programm passt genau zu allen Angaben. ${total === 1 ? 'Dieses kommt' : `Diese ${total} kommen`} am nächsten; auf jeder Karte steht, was nicht passt.${endedNote}`;
      return `${total === 1 ? '1 passendes Programm' : `${total} passende Programme`} gefunden.${endedNote}`;
    },
  },

  legal: {
    /**
     * The operator's name, address and data protection contact, one line each. Operators fill this in
     * (or point PRIVACY_URL and TERMS_URL at their own pages); while it is empty, the pages say so.
     */
    operator: [] as readonly string[],
    operatorMissing: 'Die betreibende Stelle hat ihre Angaben hier noch nicht eingetragen (Name, Anschrift, Kontakt, Datenschutzbeauftragte oder Datenschutzbeauftragter). Betreiber tragen sie in src/texts/de.ts unter webTexts.legal.operator ein.',
    back: 'Zurück zur Programmsuche',
    privacy: {
      title: 'Datenschutz',
      intro: 'Der Förderlotse NRW hilft Beschäftigten von Kommunen, Förderprogramme für die Integrationsarbeit zu finden. Hier steht, welche Daten dabei verarbeitet werden.',
      sections: [
        { heading: 'Verantwortlich', paragraphs: ['Verantwortlich ist die Stelle, die den Förderlotsen betreibt – zum Beispiel eine Kommune, ein Kreis oder ein Verband:'], operator: true },
        {
          heading: 'Was der Bot speichert',
          paragraphs: [
            'Für die laufende Suche merkt sich der Bot je Unterhaltung und Person Ihre Angaben (Handlungsfeld, Zielgruppe, Größe der Kommune) und wie weit Sie in den Ergebnissen sind. Diese Angaben dienen nur der Suche.',
            'Wie lange sie aufbewahrt werden, hängt vom Speicher ab, den der Betreiber einrichtet; im Arbeitsspeicher gehen sie beim Neustart des Dienstes verloren.',
          ],
        },
        {
          heading: 'Merkliste und Benachrichtigungen',
          paragraphs: [
            'Wenn Sie ein Programm merken, eine Suche speichern oder Benachrichtigungen ein- oder ausschalten, speichert der Bot dazu Ihre Kennung im Kanal (z. B. Teams), die gemerkten Programme, die gespeicherten Suchen, welche Benachrichtigungen schon gesendet wurden und die Angaben, die er braucht, um Ihnen in diesem Chat von selbst zu schreiben (Erinnerungen an Fristen, neue passende Programme).',
            'Diese Daten bleiben gespeichert, bis Sie „Meine Daten löschen“ schreiben; danach schreibt der Bot Ihnen nicht mehr von selbst. „Benachrichtigungen aus“ schaltet nur die Nachrichten ab.',
          ],
        },
        {
          heading: 'Bedarfsbericht',
          paragraphs: [
            'Damit sichtbar wird, wo Förderung fehlt, zählt der Dienst Suchen nach Handlungsfeld, Zielgruppe, Größenklasse, Datum und Zahl der gefundenen offenen Programme, dazu gemerkte Programme und Rückmeldungen („War diese Suche hilfreich?“ mit einem freiwilligen Kommentar). Gespeichert wird dabei weder Ihre Kennung noch der Wortlaut Ihrer Suche. Schreiben Sie in einen Kommentar bitte keine Namen oder andere persönliche Angaben.',
          ],
        },
        {
          heading: 'Protokolle',
          paragraphs: ['Der Dienst schreibt technische Protokolle: Zeitpunkt, Art der Nachricht, Kennung der Unterhaltung und Fehler. Die Texte Ihrer Nachrichten stehen standardmäßig nicht darin.'],
        },
        {
          heading: 'Programm-Tab',
          paragraphs: [
            'Suchen im Programm-Tab werden nicht gespeichert. Ihr Suchtext wird als Teil der Adresse an den Dienst geschickt; er kann in Zugriffsprotokollen des Hosting-Anbieters erscheinen, wenn der Betreiber solche Protokolle einschaltet.',
            'Der Tab setzt keine Cookies und lädt nichts von fremden Servern.',
          ],
        },
        { heading: 'Keine Analyse- und Werbedienste', paragraphs: ['Es gibt keine Analyse- oder Werbedienste. Der Bedarfsbericht zählt Suchen ohne Bezug zu Personen (siehe oben).'] },
        {
          heading: 'Microsoft Teams',
          paragraphs: ['Nachrichten an den Bot laufen über Microsoft Teams und den Bot Framework Service von Microsoft. Dafür gelten die Verträge Ihrer Organisation mit Microsoft.'],
        },
        {
          heading: 'Ihre Rechte',
          paragraphs: [
            'Sie haben das Recht auf Auskunft, Berichtigung, Löschung und Einschränkung der Verarbeitung. Ihre Merkliste und gespeicherten Suchen löschen Sie selbst mit „Meine Daten löschen“ im Chat; für alles andere wenden Sie sich an die betreibende Stelle. Sie können sich auch bei einer Datenschutzaufsichtsbehörde beschweren, in Nordrhein-Westfalen bei der Landesbeauftragten für Datenschutz und Informationsfreiheit (LDI NRW).',
          ],
        },
      ],
    },
    terms: {
      title: 'Nutzungsbedingungen',
      intro: 'Der Förderlotse NRW gibt einen Überblick über Förderprogramme für die Integrationsarbeit von Kommunen in Nordrhein-Westfalen. Er ist ein Hilfsmittel für die Recherche.',
      sections: [
        {
          heading: 'Keine Gewähr',
          paragraphs: [
            'Die Angaben werden sorgfältig geprüft; jede Karte nennt das Prüfdatum. Bedingungen, Fristen und Beträge können sich ändern. Verbindlich sind allein die Unterlagen des Fördergebers – bitte prüfen Sie diese vor einem Antrag.',
            'Der Förderlotse ist keine Rechts- oder Förderberatung. Der Bestand ist eine Auswahl: Fehlt ein Programm, heißt das nicht, dass es keine Förderung gibt.',
          ],
        },
        {
          heading: 'Nutzung',
          paragraphs: [
            'Die Nutzung ist kostenlos und für dienstliche Zwecke gedacht.',
            'Bitte geben Sie keine personenbezogenen Daten Dritter ein, etwa Namen von Geflüchteten – für die Suche sind sie nicht nötig.',
          ],
        },
        { heading: 'Betreiber und Kontakt', paragraphs: ['Fragen und Hinweise auf Fehler im Programmbestand richten Sie bitte an die betreibende Stelle:'], operator: true },
      ],
    },
  },
};

/** All German text of packaging, for the build result and the command line. */
export const packageTexts = {
  appIdMissing: 'MicrosoftAppId fehlt: Tragen Sie die App-Id Ihrer Azure-Bot-Registrierung ein (in .env oder als Umgebungsvariable). Teams erreicht den Bot über diese Id.',
  appIdNotGuid: 'MicrosoftAppId muss eine GUID sein, so wie die Azure-Bot-Registrierung sie anzeigt (z. B. 2b6f1e1c-8f3a-4c55-9d2e-0a1b2c3d4e5f).',
  publicUrlMissing: 'BOT_PUBLIC_URL fehlt: Tragen Sie die öffentliche https-Adresse des Bots ein, z. B. https://foerderlotse.kreis-beispiel.de. Teams lädt von dort den Tab „Programme“.',
  publicUrlNotHttps: 'BOT_PUBLIC_URL muss eine https-Adresse sein, z. B. https://foerderlotse.kreis-beispiel.de.',
  notPng: (file: string) => `${file} ist keine PNG-Datei. Teams braucht beide Symbole als PNG.`,
  wrongIconSize: (file: string, expected: number, width: number, height: number) =>
    `${file} muss ${expected} × ${expected} Pixel groß sein, ist aber ${width} × ${height}.`,
  templateNotJson: (file: string, reason: string) => `${file} ist kein gültiges JSON: ${reason}`,
  templateInvalid: (problems: string) => `manifest/manifest.json ist unvollständig: ${problems}`,
  unknownPlaceholder: (name: string) => `manifest/manifest.json enthält den unbekannten Platzhalter {{${name}}}.`,
  placeholderLeft: (text: string) => `Nach dem Füllen steht noch ein Platzhalter im Manifest: „${text}“.`,
  configInvalid: 'Konfiguration fehlerhaft:',
  notBuilt: 'Das Teams-App-Paket wurde nicht erstellt:',
  schemaNotBundled: (schemaUrl: string) =>
    `Für „${schemaUrl}“ bringt @microsoft/app-manifest kein Schema mit; offline lässt sich das Manifest so nicht prüfen. Wählen Sie in manifest/manifest.json eine mitgelieferte Version (siehe node_modules/@microsoft/app-manifest/build/json-schemas/teams).`,
  schemaInvalid: (count: number) => `Das Manifest verletzt das offizielle Teams-Schema (${count} Fehler); das Paket wurde nicht geschrieben:`,
  usage: `Förderlotse NRW – Teams-App-Paket

  npm run package                 schreibt dist/teams/foerderlotse-nrw.zip
  npm run package -- --out PFAD   schreibt das Paket nach PFAD

Die Werte kommen aus der Konfiguration (.env oder Umgebungsvariablen): MicrosoftAppId und BOT_PUBLIC_URL sind nötig.`,
  written: (summary: PackageSummary) => {
    const { values } = summary;
    const row = (label: string, value: string) => `  ${`${label}:`.padEnd(21)}${value}`;
    return [
      `Teams-App-Paket erstellt: ${summary.file}`,
      row('App', `${summary.name} ${summary.version} (App-Manifest ${summary.manifestVersion}, gegen das offizielle Schema geprüft)`),
      row('Teams-App-Id', values.TEAMS_APP_ID),
      row('Bot-Id', values.BOT_ID),
      row('Adresse des Bots', values.BOT_PUBLIC_URL),
      row('Datenschutz', values.PRIVACY_URL),
      row('Nutzungsbedingungen', values.TERMS_URL),
      '',
      'So geht es weiter:',
      '  1. In der Azure-Bot-Registrierung den Kanal „Microsoft Teams“ einschalten und als Messaging-Endpunkt',
      `     ${values.BOT_PUBLIC_URL}/api/messages eintragen.`,
      '  2. Das Paket hochladen: für die ganze Organisation im Teams Admin Center unter „Teams-Apps“ →',
      '     „Apps verwalten“ → „Hochladen“, oder zum Ausprobieren in Teams unter „Apps“ → „Apps verwalten“ →',
      '     „App hochladen“ (wenn Ihre Organisation das Hochladen eigener Apps erlaubt).',
      '  3. Bei einem Update zuerst „version“ in manifest/manifest.json erhöhen, dann neu packen und die Datei',
      '     bei der vorhandenen App hochladen; die Teams-App-Id bleibt dieselbe.',
      '',
    ].join('\n');
  },
};

/** Answers of the Bot Framework endpoint to requests it cannot take. */
export const activityTexts = {
  invalid: (field: string) => `Ungültige Aktivität: Feld "${field}" fehlt oder hat den falschen Typ.`,
  unauthorized: 'Anfrage ohne gültige Bot-Framework-Anmeldung.',
  failed: 'Die Nachricht konnte nicht verarbeitet werden.',
  serviceUrlNotAllowed: 'Ohne Anmeldung (Emulator-Modus) antwortet der Bot nur an Adressen auf diesem Rechner; diese serviceUrl wird nicht angenommen.',
  busy: 'Gerade sind sehr viele Nachrichten unterwegs. Bitte versuchen Sie es in einer Sekunde noch einmal.',
  shuttingDown: 'Der Bot wird gerade neu gestartet. Bitte versuchen Sie es in wenigen Sekunden noch einmal.',
};

/** Problems of the programme file, as part of "file, entry, field: problem". */
export const storeTexts = {
  notFound: 'Datei nicht gefunden',
  holdsNull: 'Datei enthält null statt der Programmliste',
  notJson: (detail: string) => `kein gültiges JSON (${detail})`,
  notReadable: 'Datei ist nicht lesbar (keine Berechtigung)',
  isFolder: 'ist ein Ordner, keine Datei',
  cannotRead: (detail: string) => `Datei kann nicht gelesen werden (${detail})`,
  noProgrammes: 'enthält keine Programme',
  tooFewProgrammes: (count: number, atStart: number) =>
    `enthält nur ${count} von ${atStart} Programmen beim Start; so viele zu entfernen ist eher ein Fehler als Absicht. Die bisherigen bleiben in Gebrauch – wenn es so gewollt ist, starten Sie den Bot neu.`,
  tooFewRunning: (count: number, atStart: number) =>
    `enthält nur ${count} nicht beendete von ${atStart} beim Start; so viele als beendet zu markieren ist eher ein Fehler als Absicht. Die bisherigen bleiben in Gebrauch – wenn es so gewollt ist, starten Sie den Bot neu.`,
};

/** Why the server could not listen, naming the setting to change. */
export function listenProblem(error: NodeJS.ErrnoException, port: number, host: string): string {
  switch (error.code) {
    case 'EADDRINUSE':
      return `PORT ${port} ist auf ${host} schon belegt (läuft der Bot schon?). Beenden Sie das andere Programm oder wählen Sie einen anderen PORT.`;
    case 'EACCES':
      return `PORT ${port} darf dieser Benutzer nicht öffnen. Wählen Sie einen PORT ab 1024.`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `HOST „${host}“ ist keine Adresse dieses Rechners. Lassen Sie HOST leer oder nennen Sie eine seiner Adressen (z. B. 127.0.0.1 oder 0.0.0.0).`;
    default:
      return `Der Webserver kann auf ${host}:${port} nicht lauschen (${error.code ?? error.message}). Prüfen Sie HOST und PORT.`;
  }
}

/** restify's error codes, said in German for whoever reads the JSON answer. */
export const httpTexts: Record<string, string> = {
  InvalidContent: 'Der Inhalt ist kein gültiges JSON.',
  PayloadTooLarge: 'Die Anfrage ist zu groß.',
  RequestEntityTooLarge: 'Die Anfrage ist zu groß.',
  UnsupportedMediaType: 'Dieses Format wird nicht angenommen; bitte JSON senden.',
  ResourceNotFound: 'Diese Adresse gibt es nicht.',
  MethodNotAllowed: 'Diese Methode ist hier nicht erlaubt.',
  BadRequest: 'Die Anfrage ist fehlerhaft.',
  BadDigest: 'Die Prüfsumme (Content-MD5) passt nicht zum Inhalt.',
  compressed: 'Komprimierte Anfragen werden nicht angenommen; bitte JSON ohne Content-Encoding senden.',
  hostNotAllowed: 'Im Emulator-Modus nimmt der Bot nur Anfragen an localhost oder 127.0.0.1 an.',
};

/** `GET /healthz`, read by whoever runs the bot (App Service, a container's readiness probe). */
export const healthTexts = {
  storageUnavailable: 'Der Gesprächszustand kann gerade nicht gespeichert werden. Bitte prüfen Sie den Speicher (STATE_DIR bzw. Azure Blob Storage).',
};

/** Why the state storage cannot be opened at start-up: for the operator, on stderr. */
export const storageTexts = {
  locked: (directory: string, holder: { pid: number; host: string; heartbeatAt: string } | undefined) =>
    `Der Ordner ${directory} (STATE_DIR) wird schon von einem anderen Prozess des Bots benutzt${holder === undefined ? '' : ` (PID ${holder.pid} auf ${holder.host}, zuletzt aktiv ${holder.heartbeatAt})`}. ` +
    'STATE_STORAGE=file ist für genau einen Prozess. Für mehrere Instanzen setzen Sie STATE_STORAGE=blob; sonst beenden Sie den anderen Prozess oder geben diesem einen eigenen STATE_DIR.',
  cannotOpen: (directory: string, detail: string) => `Der Ordner ${directory} (STATE_DIR) kann nicht angelegt oder beschrieben werden: ${detail}`,
  cannotRead: (directory: string, detail: string) => `Der Ordner ${directory} (STATE_DIR) kann nicht gelesen werden: ${detail}`,
  olderLayout: (directory: string, files: number) =>
    `Im Ordner ${directory} (STATE_DIR) liegen noch ${files === 1 ? 'eine Datei' : `${files} Dateien`} im Format einer älteren Version. Starten Sie den Bot einmal mit dieser Version; er ordnet sie beim Start ein. Danach rufen Sie den Befehl erneut auf.`,
};

const quoted = (title: string) => `„${escapeMarkdown(title)}“`;
const inDays = (days: number) => (days === 0 ? 'heute' : days === 1 ? 'morgen' : `in ${days} Tagen`);

/** Merkliste, saved searches, notifications and feedback. */
export const followUpTexts = {
  watched: (title: string, remindsBefore: number | null) =>
    `Gemerkt: ${quoted(title)}. Sie finden es unter „Merkliste“.${remindsBefore === null ? '' : ` Vor der Frist erinnere ich Sie (zuerst ${remindsBefore === 0 ? 'am Tag der Frist' : remindsBefore === 1 ? 'einen Tag vorher' : `${remindsBefore} Tage vorher`}).`}`,
  alreadyWatched: (title: string) => `${quoted(title)} steht schon auf Ihrer Merkliste.`,
  watchlistFull: (max: number) => `Ihre Merkliste ist voll (${max} Programme). Entfernen Sie zuerst eines: „Merkliste“, dann „Entfernen“ auf seiner Karte.`,
  unknownProgramme: 'Dieses Programm gibt es in den aktuellen Daten nicht mehr. Was es jetzt gibt, zeigt eine neue Suche („neue Suche“).',
  unwatched: (title: string) => `${quoted(title)} ist nicht mehr auf Ihrer Merkliste.`,
  notWatched: 'Dieses Programm stand nicht auf Ihrer Merkliste.',
  watchlistEmpty: 'Ihre Merkliste ist leer. Tippen Sie bei einem Programm auf „Merken“, dann erinnere ich Sie an seine Frist.',
  watchlistIntro: (count: number, shown: number) =>
    count === 1 ? 'Auf Ihrer Merkliste steht ein Programm:' : `Auf Ihrer Merkliste stehen ${count} Programme${shown < count ? `, hier die ${shown} mit der nächsten Frist` : ', nach Frist geordnet'}:`,
  missingFromCatalogue: (count: number) => (count === 1 ? 'Ein gemerktes Programm gibt es in den aktuellen Daten nicht mehr.' : `${count} gemerkte Programme gibt es in den aktuellen Daten nicht mehr.`),
  savedSearchesTitle: 'Ihre gespeicherten Suchen',
  removeSearch: 'Löschen',
  searchSaved: (search: string) => `Suche gespeichert: ${search}. Kommt ein passendes Programm neu hinzu oder ändert sich eines, sage ich Ihnen Bescheid.`,
  searchAlreadySaved: (search: string) => `Diese Suche ist schon gespeichert: ${search}.`,
  searchesFull: (max: number) => `Sie haben schon ${max} Suchen gespeichert. Löschen Sie zuerst eine: „Merkliste“, dann „Löschen“.`,
  searchRemoved: 'Die gespeicherte Suche ist gelöscht.',
  nothingToSave: 'Es gibt noch keine Suche zum Speichern. Beginnen Sie eine Suche; danach heben Sie sie mit „Suche speichern“ auf.',
  searchNotFound: 'Diese Suche war nicht mehr gespeichert.',
  notificationsOff: 'Benachrichtigungen sind aus. Mit „Benachrichtigungen an“ schalten Sie sie wieder ein.',
  notificationsOn: 'Benachrichtigungen sind an: Ich erinnere Sie an Fristen gemerkter Programme und melde neue Programme zu Ihren gespeicherten Suchen.',
  forgotten:
    'Gelöscht: Ihre Merkliste, Ihre gespeicherten Suchen und Ihre Einstellungen für Benachrichtigungen. Ich schreibe Ihnen nicht mehr von selbst. Ihre laufende Suche bleibt; „abbrechen“ beendet sie.',
  nothingToForget: 'Von Ihnen habe ich keine Merkliste, keine gespeicherten Suchen und keine Benachrichtigungen gespeichert.',
  forgetConfirm: 'Sollen Ihre Merkliste, Ihre gespeicherten Suchen und Ihre Einstellungen für Benachrichtigungen wirklich gelöscht werden?',
  forgetDeclined: 'Gut, ich habe nichts gelöscht.',
  notificationsState: (on: boolean) => (on ? 'Benachrichtigungen: an (aus mit „Benachrichtigungen aus“).' : 'Benachrichtigungen: aus (an mit „Benachrichtigungen an“).'),
  feedback: {
    question: 'War diese Suche hilfreich?',
    commentLabel: 'Möchten Sie etwas ergänzen? (freiwillig, ohne Namen)',
    commentPlaceholder: 'z. B. was gefehlt hat',
    yes: '👍 Ja',
    no: '👎 Nein',
  },
  thanks: 'Danke für Ihre Rückmeldung! Sie hilft, Lücken in der Förderlandschaft zu zeigen.',
  failed: 'Das hat gerade nicht geklappt. Bitte versuchen Sie es gleich noch einmal.',
  notification: {
    deadline: (title: string, daysLeft: number, date: string) => `⏰ Erinnerung: Die Frist für ${quoted(title)} endet ${inDays(daysLeft)} (${germanDate(date)}).`,
    ended: (title: string, successor: string | undefined) =>
      `${quoted(title)} von Ihrer Merkliste ist beendet.${successor === undefined ? '' : ` Nachfolger: ${quoted(successor)}.`}`,
    newMatch: (title: string, search: string) => `Neu zu Ihrer gespeicherten Suche (${search}): ${quoted(title)}.`,
    changedMatch: (title: string, search: string) => `Geändert – zu Ihrer gespeicherten Suche (${search}): ${quoted(title)}. Bitte prüfen Sie die Angaben.`,
    footer: 'Keine Benachrichtigungen mehr? Schreiben Sie „Benachrichtigungen aus“.',
  },
};

/** `npm run cli -- notify --dry-run` */
export const notifyTexts = {
  badArgument: (argument: string) => `notify: unbekannte Angabe „${argument}“.\nAufruf: npm run --silent cli -- notify --dry-run`,
  unreadable: (user: string, detail: string) => `Nutzer ${user}: gespeicherte Daten nicht lesbar, hier übersprungen (${detail})`,
  memoryStorage: (command: string) =>
    `${command} liest den Speicher des laufenden Bots. Mit STATE_STORAGE=memory gibt es keinen, den ein zweiter Prozess lesen kann: Setzen Sie STATE_STORAGE wie beim Bot (file mit STATE_DIR oder blob).`,
  onlyDryRun: 'notify zeigt nur an, was fällig ist: bitte mit --dry-run aufrufen. Senden übernimmt der laufende Bot (NOTIFY_INTERVAL_MINUTES).',
  heading: (today: string, count: number) =>
    count === 0 ? `Heute (${germanDate(today)}) ist keine Benachrichtigung fällig.` : `Heute (${germanDate(today)}) fällig: ${count === 1 ? '1 Benachrichtigung' : `${count} Benachrichtigungen`}`,
  entry: (user: string, kind: string, programmeId: string) => `Nutzer ${user} · ${NOTIFICATION_KINDS[kind] ?? kind} · ${programmeId}`,
};

const NOTIFICATION_KINDS: Record<string, string> = { deadline: 'Fristerinnerung', ended: 'beendet', newMatch: 'neu zur gespeicherten Suche', changedMatch: 'geändert (gespeicherte Suche)' };

/** The demand report (`npm run cli -- report`) and its command line. */

const countText = (value: number) => value.toLocaleString('de-DE');

export const reportTexts = {
  title: 'Nachfrage im Förderlotsen NRW',
  period: (from: string, to: string) => `Zeitraum: ${germanDate(from)} bis ${germanDate(to)}`,
  totals: (searches: number, unmet: number) => `${countText(searches)} ${searches === 1 ? 'Suche' : 'Suchen'}, davon ${countText(unmet)} ohne offenes Programm.`,
  notGiven: 'ohne Angabe',
  yes: 'ja',
  no: 'nein',
  number: countText,
  date: germanDate,
  percent: (share: number) => `${Math.round(share * 100)} %`,
  unknownProgramme: (id: string) => `${id} (nicht mehr im Programmbestand)`,

  headings: {
    demand: 'Nachfrage nach Handlungsfeld, Zielgruppe und Größe',
    unmet: 'Suchen ohne offenes Programm (ungedeckter Bedarf)',
    watched: 'Meistgemerkte Programme',
    feedback: 'Rückmeldungen',
  },
  notes: {
    demand: 'Eine Suche mit mehreren Handlungsfeldern oder Zielgruppen zählt in jeder passenden Zeile.',
    unmet: 'Kombinationen, zu denen mindestens eine Suche kein offenes Programm fand, die häufigsten zuerst.',
  },
  empty: {
    demand: 'Im Zeitraum wurde nicht gesucht.',
    unmet: 'Jede Suche fand mindestens ein offenes Programm.',
    watched: 'Im Zeitraum wurde kein Programm gemerkt.',
    feedback: 'Im Zeitraum gab es keine Rückmeldungen.',
    comments: 'Keine Kommentare.',
  },
  columns: {
    need: 'Handlungsfeld',
    targetGroup: 'Zielgruppe',
    sizeClass: 'Größe',
    searches: 'Suchen',
    unmet: 'davon ohne offenes Programm',
    unmetFirst: 'Suchen ohne offenes Programm',
    searchesAll: 'Suchen insgesamt',
    programme: 'Programm',
    programmeId: 'Kennung',
    watched: 'gemerkt',
    date: 'Datum',
    helpful: 'Hilfreich',
    profile: 'Suche',
    comment: 'Kommentar',
  },
  feedbackSummary: (helpful: number, notHelpful: number, share: string) => `Hilfreich: ${countText(helpful)} · Nicht hilfreich: ${countText(notHelpful)} · Anteil hilfreich: ${share}`,

  /** One table for spreadsheets: column names and the values of the column `abschnitt`. */
  csv: {
    header: ['abschnitt', 'handlungsfeld', 'zielgruppe', 'groesse', 'programm_id', 'programm', 'suchen', 'ohne_offenes_programm', 'anzahl', 'datum', 'hilfreich', 'kommentar'],
    sections: {
      from: 'zeitraum_von',
      to: 'zeitraum_bis',
      totals: 'summe',
      demand: 'nachfrage',
      unmet: 'ungedeckt',
      watched: 'gemerkt',
      feedback: 'rueckmeldung',
      comment: 'kommentar',
    },
  },

  command: {
    usage: `Nachfrage-Bericht

  npm run --silent cli -- report [--from JJJJ-MM-TT] [--to JJJJ-MM-TT] [--format md|csv]

Vorgaben: --from 365 Tage vor heute, --to heute, --format md (Markdown); csv ist eine Tabelle mit Semikolon.`,
    unknownOption: (option: string) => `Die Option ${option} gibt es nicht.`,
    missingValue: (option: string) => `${option} braucht einen Wert.`,
    unexpected: (argument: string) => `"${argument}" ist hier nicht vorgesehen.`,
    badDate: (option: string, value: string) => `--${option} "${value}" ist kein gültiges Datum; bitte im Format JJJJ-MM-TT angeben, z. B. 2026-01-31.`,
    fromAfterTo: (from: string, to: string) => `--from ${germanDate(from)} liegt nach --to ${germanDate(to)}.`,
    tooLong: (days: number, max: number) => `Der Zeitraum umfasst ${countText(days)} Tage; höchstens ${countText(max)} Tage sind möglich.`,
    badFormat: (value: string) => `--format "${value}" gibt es nicht; möglich sind md und csv.`,
    storageFailed: (detail: string) => `Die gespeicherten Daten konnten nicht gelesen werden: ${detail}`,
    readSummary: (events: number, skipped: number) =>
      `${countText(events)} ${events === 1 ? 'Eintrag' : 'Einträge'} gelesen, ${countText(skipped)} ${skipped === 1 ? 'ungültiger' : 'ungültige'} übersprungen.`,
  },
} as const;

/** The programme catalogue tools: `data:check`, `data:import` and `data:schema`. */

const programmeCount = (count: number) => `${countText(count)} ${count === 1 ? 'Programm' : 'Programme'}`;
const quote = (text: string) => `„${text}“`;

/** "A", "B", … "Z", "AA": the column as a spreadsheet labels it. */
function columnLetter(index: number): string {
  const letter = String.fromCharCode(65 + (index % 26));
  return index < 26 ? letter : `${columnLetter(Math.floor(index / 26) - 1)}${letter}`;
}

function findingMessage(finding: Finding): string {
  switch (finding.kind) {
    case 'invalid':
      return finding.message;
    case 'verifiedInFuture':
      return `Prüfdatum ${germanDate(finding.lastVerified)} liegt in der Zukunft; bitte den Tag der Prüfung eintragen`;
    case 'duplicateEntry':
      return `doppelt: gleicher Titel und gleiche Antragsadresse wie ${quote(finding.of)}; einen der beiden Einträge löschen`;
    case 'stale':
      return `zuletzt geprüft am ${germanDate(finding.lastVerified)}, vor ${countText(finding.days)} Tagen; bitte an der Quelle nachsehen und lastVerified aktualisieren`;
    case 'deadlinePassed':
      return `Frist abgelaufen (${germanDate(finding.date)}), aber nicht als beendet oder naechste_runde markiert`;
    case 'duplicateTitle':
      return `gleicher Titel wie ${quote(finding.of)}; ist es dasselbe Programm?`;
    case 'sharedApplicationUrl':
      return `gleiche Antragsadresse wie ${quote(finding.of)}; richtig nur, wenn beide über dieselbe Seite beantragt werden`;
    case 'sharedSourceUrl':
      return `gleiche Quelle wie ${quote(finding.of)}; in Ordnung, wenn es eine Übersichtsseite des Fördergebers ist`;
    case 'successorEnded':
      return `Nachfolger ${quote(finding.successor)} ist selbst beendet; gibt es ein neueres Programm?`;
    case 'thinNeed':
      return `Handlungsfeld ${quote(NEED_LABELS[finding.need])} (${finding.need}): ${finding.count === 0 ? 'kein nutzbares Programm' : `nur ${programmeCount(finding.count)} nutzbar`}, mindestens ${MIN_USABLE_PER_NEED} wären gut`;
  }
}

function csvProblemMessage(problem: CsvProblem): string {
  switch (problem.kind) {
    case 'notUtf8':
      return 'die Datei ist nicht in UTF-8 gespeichert (Umlaute wären falsch); in Excel bitte „CSV UTF-8 (durch Trennzeichen getrennt)“ wählen';
    case 'noHeader':
      return `die Datei ist leer; die erste Zeile muss die Spaltennamen enthalten`;
    case 'unclosedQuote':
      return 'das Anführungszeichen am Anfang der Zelle wird nicht geschlossen';
    case 'textAfterQuote':
      return 'nach dem schließenden Anführungszeichen folgt noch Text; ein Anführungszeichen in der Zelle wird verdoppelt ("")';
    case 'unknownColumn':
      return problem.name === ''
        ? 'Spalte ohne Namen'
        : `unbekannte Spalte ${quote(problem.name)}${problem.suggestion === null ? '' : `; gemeint ist wohl ${quote(problem.suggestion)}`}`;
    case 'duplicateColumn':
      return `die Spalte ${quote(problem.name)} kommt zweimal vor`;
    case 'missingColumns':
      return `${problem.names.length === 1 ? 'es fehlt die Spalte' : 'es fehlen die Spalten'} ${problem.names.map(quote).join(', ')}`;
    case 'noRows':
      return 'nach der Kopfzeile folgt kein Programm';
    case 'cellCount':
      return `${problem.found} Zellen statt ${problem.expected}; enthält eine Zelle das Trennzeichen ohne Anführungszeichen?`;
    case 'notANumber':
      return `${quote(problem.value)} ist keine Zahl; so geht es: 50000, 50.000 oder 12,5`;
    case 'notADate':
      return `${quote(problem.value)} ist kein gültiges Datum; so geht es: 2026-03-31 oder 31.03.2026`;
    case 'notAllowed':
      return `${quote(problem.value)} ist hier nicht möglich; erlaubt: ${problem.allowed.join(', ')}`;
    case 'dateNotExpected':
      return 'bei deadlineKind „laufend“ bleibt deadlineDate leer';
    case 'dateRequired':
      return `bei deadlineKind ${quote(problem.deadlineKind)} gehört das Datum in deadlineDate`;
    case 'duplicateId':
      return `${quote(problem.id)} steht schon in Zeile ${problem.firstLine}`;
    case 'invalid':
      return problem.message;
  }
}

const OPTION_HINTS = {
  unknownOption: (option: string) => `Die Option ${option} gibt es nicht.`,
  missingValue: (option: string) => `${option} braucht einen Wert.`,
  unexpected: (argument: string) => `"${argument}" ist hier nicht vorgesehen.`,
};

export const dataTexts = {
  options: OPTION_HINTS,
  badToday: (value: string) => `--today "${value}" ist kein gültiges Datum; bitte im Format JJJJ-MM-TT angeben, z. B. 2026-01-31.`,
  fileUnreadable: (problem: string) => `Programmdaten nicht lesbar: ${problem}`,

  check: {
    usage: `Programmdaten redaktionell prüfen

  npm run --silent cli -- data:check [--file PFAD] [--today JJJJ-MM-TT]

Meldet Fehler (Schema, doppelte Kennungen oder Einträge, Prüfdatum in der Zukunft; Exit-Code 1)
und Warnungen (Prüfung älter als 180 Tage, abgelaufene Stichtage, gleiche Titel oder Adressen,
beendete Nachfolger, Handlungsfelder mit weniger als ${MIN_USABLE_PER_NEED} nutzbaren Programmen; Exit-Code 0).`,
    heading: (file: string, count: number, today: string) => `${file}: ${programmeCount(count)} geprüft, Stand ${germanDate(today)}`,
    errors: (count: number) => `Fehler (${countText(count)}), bitte beheben:`,
    warnings: (count: number) => `Warnungen (${countText(count)}), bitte ansehen:`,
    finding: (finding: Finding) => {
      const where = [finding.entry === null ? null : `Eintrag ${quote(finding.entry)}`, finding.entry === null || finding.field === null ? null : `Feld ${quote(finding.field)}`];
      const located = where.filter((part) => part !== null).join(', ');
      return located === '' ? findingMessage(finding) : `${located}: ${findingMessage(finding)}`;
    },
    summary: (summary: CatalogueSummary) =>
      [
        `Nutzbar für Kommunen (selbst oder über eine Stelle beantragbar, nicht beendet): ${countText(summary.usable)} von ${countText(summary.programmes)} ${summary.programmes === 1 ? 'Programm' : 'Programmen'}.`,
        `Je Handlungsfeld: ${NEEDS.map((need) => `${need.short} ${countText(summary.usablePerNeed[need.id])}`).join(' · ')}`,
      ].join('\n'),
    verdict: (errors: number, warnings: number) =>
      errors > 0
        ? `${countText(errors)} Fehler, ${countText(warnings)} ${warnings === 1 ? 'Warnung' : 'Warnungen'}: Die Datei muss korrigiert werden.`
        : warnings > 0
          ? `Keine Fehler, ${countText(warnings)} ${warnings === 1 ? 'Warnung' : 'Warnungen'}.`
          : 'Keine Fehler, keine Warnungen.',
  },

  import: {
    usage: `Programme aus einer Tabelle (CSV) übernehmen

  npm run --silent cli -- data:import DATEI.csv [--file PFAD] [--dry-run]

Die erste Zeile nennt die Spalten (Reihenfolge beliebig, alle nötig):
  ${CSV_COLUMNS.join(';')}
Trennzeichen ; oder , · UTF-8 · Listen mit , oder | · leere Zelle = keine Angabe
Zahlen wie 50.000 oder 12,5 · Datum als 2026-03-31 oder 31.03.2026
deadlineDate: Frist bei stichtag, Ende bei beendet, letzte Frist bei naechste_runde (freiwillig), leer bei laufend
targetGroups leer = offen für alle Zielgruppen
Eine Zeile ersetzt das Programm mit derselben id ganz; neue ids kommen hinzu; alle anderen bleiben.
Bei einem Problem wird nichts geschrieben. --dry-run zeigt nur, was sich ändern würde.`,
    missingCsv: 'Bitte die CSV-Datei angeben.',
    csvUnreadable: (file: string, detail: string) => `${file} ist nicht lesbar: ${detail}`,
    csvProblems: (file: string, count: number) => `${file}: ${count === 1 ? '1 Problem' : `${countText(count)} Probleme`}, nichts geschrieben.`,
    problem: (problem: CsvProblem) =>
      `Zeile ${problem.line}${problem.column === null ? '' : `, Spalte ${columnLetter(problem.column.index)}${problem.column.name === null ? '' : ` (${problem.column.name})`}`}: ${csvProblemMessage(problem)}`,
    expectedHeader: `Erwartete Kopfzeile: ${CSV_COLUMNS.join(';')}`,
    fileProblems: (file: string, count: number) =>
      `${file} hat ${count === 1 ? 'ein Problem' : `${countText(count)} Probleme`}, das der Import nicht behebt; nichts geschrieben. Bitte zuerst die Datei korrigieren:`,
    added: (change: ImportChange) => `  neu:      ${change.id} · ${change.title} (Zeile ${change.line})`,
    changed: (change: ImportChange) => `  geändert: ${change.id} · ${change.title} (Zeile ${change.line}; ${change.fields.join(', ')})`,
    counts: (added: number, changed: number, unchanged: number) => `${programmeCount(added)} neu, ${countText(changed)} geändert, ${countText(unchanged)} unverändert`,
    written: (counts: string, file: string) => `${counts}; geschrieben nach ${file}`,
    reloadHint: 'Ein laufender Bot übernimmt die Änderung von selbst (er beobachtet die Datei); ein Neustart ist nicht nötig.',
    dryRun: (counts: string) => `${counts}; Probelauf (--dry-run), nichts geschrieben.`,
    nothingToWrite: (counts: string) => `${counts}; nichts zu schreiben.`,
    writeFailed: (file: string, detail: string) => `${file} konnte nicht geschrieben werden (${detail}); die Datei ist unverändert.`,
    changedMeanwhile: (file: string) => `${file} wurde während des Imports von anderer Seite geändert; nichts geschrieben. Bitte den Import noch einmal starten.`,
  },

  schema: {
    title: 'Förderlotse NRW: Programmdaten',
    description: 'Der Programmbestand des Förderlotsen NRW. Prüfen mit: npm run cli -- validate und npm run cli -- data:check',
    usage: `JSON-Schema der Programmdaten erzeugen

  npm run data:schema

Schreibt data/programmes.schema.json aus dem Schema im Code. Nach jeder Änderung an src/domain/programme.ts neu erzeugen.`,
    written: (file: string) => `${file} geschrieben. Editoren nutzen es, wenn die Programmdatei oben "$schema": "./programmes.schema.json" enthält.`,
  },
};

/** A message that names programmes: what they are, and what became of ended ones. */
export const lookupTexts = {
  found: (title: string) => `Zu ${quoted(title)} finden Sie hier die Karte.`,
  ended: (title: string, deadline: Deadline, successor: string | undefined) =>
    `${quoted(title)} ist ${deadline.kind === 'beendet' ? `beendet (seit ${germanDate(deadline.date)})` : 'derzeit nicht offen'}.${successor === undefined ? '' : ` Nachfolger: ${quoted(successor)}.`}`,
};
