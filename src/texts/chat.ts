import type { Deadline } from '../domain/programme.js';
import { germanDate } from '../domain/dates.js';
import { NEED_LABELS, TARGET_GROUP_LABELS, type Profile, type Slot } from '../domain/taxonomy.js';
import type { ProfileChange } from '../domain/searchState.js';
import { MAX_MESSAGE_CHARS } from '../domain/recognizer.js';
import { formatNumber, quoted } from './format.js';
import { SLOT_LABELS, profileText, EXAMPLE } from './labels.js';

/** What the bot says in the chat: questions, answers, follow-ups and notifications. Short, friendly, "Sie". */

const WHICH: Record<Slot, string> = { needs: 'welches', targetGroups: 'welche', size: 'welche' };

export const texts = {
  welcome: [
    'Guten Tag! Ich bin der **Förderlotse NRW**.',
    'Ich finde Förderprogramme von EU, Bund, Land und Stiftungen für die Integrationsarbeit ' +
      'Ihrer Kommune. Dafür frage ich nach Handlungsfeld, Zielgruppe und Ihrer Kommune.',
    `Sie können auch alles in einem Satz schreiben, zum Beispiel: ${EXAMPLE}`,
    'Mit „Hilfe“ erkläre ich jeden Schritt, mit „Neue Suche“ beginnen Sie von vorn.',
  ].join('\n\n'),

  welcomeTeam: [
    'Hallo zusammen! Ich bin der **Förderlotse NRW** und finde Förderprogramme für die Integrationsarbeit Ihrer Kommune.',
    'Erwähnen Sie mich mit @Förderlotse NRW und schreiben Sie, was Sie suchen – jede und jeder ' +
      'sucht dabei für sich. Im persönlichen Chat mit mir geht es ohne Erwähnung.',
  ].join('\n\n'),

  ask: {
    needs: 'Wofür suchen Sie Förderung? Wählen Sie ein Handlungsfeld oder beschreiben Sie Ihr Vorhaben.',
    targetGroups: 'Für welche Zielgruppe ist das Vorhaben?',
    size:
      'Für welche Kommune suchen Sie? Nennen Sie ihren Namen (z. B. „Stadt Gütersloh“, „Kreis Lippe“), ' +
      'die Einwohnerzahl oder wählen Sie eine Größe.',
  } satisfies Record<Slot, string>,

  retry: {
    needs:
      'Das habe ich nicht als Handlungsfeld erkannt. Bitte wählen Sie eines aus der Liste oder ' +
      'nennen Sie ein Stichwort wie „Sprachkurs“, „Wohnraum“ oder „Ehrenamt“.',
    targetGroups:
      'Das habe ich nicht als Zielgruppe erkannt. Bitte wählen Sie aus der Liste oder schreiben ' +
      'Sie z. B. „Geflüchtete“, „Jugendliche“ oder „Familien“.',
    size:
      'Das habe ich nicht als Kommune erkannt. Bitte nennen Sie den Namen (z. B. „Gemeinde Nottuln“), ' +
      'die Einwohnerzahl („45.000“) oder wählen Sie eine Größe.',
  } satisfies Record<Slot, string>,

  help: {
    needs: `Nennen Sie, wofür Sie Förderung suchen: ein Handlungsfeld aus der Liste oder ein Stichwort wie „Sprachkurs“ oder „Wohnraum“. Sie können auch alles in einem Satz sagen, z. B. ${EXAMPLE}.`,
    targetGroups:
      'Nennen Sie, wen Ihr Vorhaben erreichen soll: z. B. „Geflüchtete“, „Jugendliche“, „Frauen“ ' +
      'oder „alle“. Mit „Zurück“ ändern Sie die vorige Antwort.',
    size:
      'Nennen Sie Ihre Kommune: ihren Namen („Stadt Gütersloh“, „Gemeinde Nottuln“, „Kreis Lippe“), ' +
      'die Einwohnerzahl („8.000“, „ca. 45 Tsd.“) oder wählen Sie eine Größe. Davon hängt ab, welche ' +
      'Programme Ihre Kommune selbst beantragen kann und welche über den Kreis laufen.',
    results:
      'Sie können weitere Ergebnisse ansehen, eine Angabe ändern („Zielgruppe ändern“) oder neu ' +
      'suchen. Eine neue Angabe können Sie auch einfach schreiben, z. B. „eher Wohnen“; mit „Zurück“ ' +
      'kommen Sie zu den Ergebnissen davor. „Merken“ setzt ein Programm auf Ihre Merkliste, und ich ' +
      'erinnere Sie an die Frist. Nach „Suche speichern“ melde ich neue passende Programme.',
    general: `Ich suche Förderprogramme für die Integrationsarbeit Ihrer Kommune. Schreiben Sie, wofür und für wen Sie Förderung suchen und für welche Kommune, z. B. ${EXAMPLE}.`,
  },

  clarify: (slot: Slot, labels: string[]) =>
    labels.length === 1
      ? `Habe ich Sie richtig verstanden: ${SLOT_LABELS[slot]} „${labels[0]}“?`
      : `Ich bin nicht sicher, ${WHICH[slot]} ${SLOT_LABELS[slot]} Sie meinen. Meinten Sie ${labels.map((label) => `„${label}“`).join(' oder ')}?`,
  choiceCard: { placeholder: 'Bitte wählen Sie aus', submit: 'Weiter', typeInstead: 'Oder schreiben Sie es in eigenen Worten.' },
  noneOfThese: 'Nichts davon',
  /** A name a city shares with its Kreis, or a typo that fits two names. */
  whichMunicipality: (labels: readonly string[]) => `Meinen Sie ${labels.map((label) => `„${label}“`).join(' oder ')}?`,
  /** The municipality of the user's last search, offered instead of the question. */
  sameMunicipality: (name: string) => `Suchen Sie wieder für ${name}?`,
  yesFor: (name: string) => `Ja, für ${name}`,
  otherMunicipality: 'Andere Kommune',
  outsideNrw: (name: string) => `${name} liegt nicht in Nordrhein-Westfalen. Ich kenne nur Förderprogramme für Kommunen in NRW.`,
  yesWords: ['ja', 'ja genau', 'genau', 'richtig', 'stimmt', 'ja bitte', 'jawohl'],

  /** What a reply changed, said back in one line before the next question. */
  understood: ({ now, without }: ProfileChange) => {
    const ruledOut = [...without.needs.map((id) => NEED_LABELS[id]), ...without.targetGroups.map((id) => TARGET_GROUP_LABELS[id])];
    const parts = [profileText(now), ...(ruledOut.length > 0 ? [`ohne ${ruledOut.join(' + ')}`] : [])].filter((part) => part !== '');
    return `Verstanden: ${parts.join(' · ')}.`;
  },

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
  noneToApplyItself:
    'Ihre Kommune kann keines dieser Programme selbst beantragen. Den Weg über den Kreis oder andere Stellen nennt jede Karte.',
  nothingAtAll:
    'Dazu habe ich leider kein offenes Programm gefunden, das Ihre Kommune nutzen kann. ' +
    'Versuchen Sie ein anderes Handlungsfeld oder eine andere Zielgruppe.',
  closedNote: (items: { title: string; deadline: Deadline; successor: string | undefined }[], more: number) => {
    const described = items.map(({ title, deadline, successor }) => {
      const status =
        deadline.kind === 'beendet'
          ? `beendet seit ${germanDate(deadline.date)}`
          : deadline.kind === 'stichtag'
            ? `Frist abgelaufen am ${germanDate(deadline.date)}`
            : 'nicht offen';
      return `${title} (${status}${successor === undefined ? '' : `; Nachfolger: ${successor}`})`;
    });
    return [
      'Nicht mehr offen, zur Information:',
      ...described.map((line) => `- ${line}`),
      ...(more > 0 ? [`- und ${more} weitere`] : []),
    ].join('\n');
  },
  noMoreResults: 'Das waren alle Ergebnisse.',
  alreadySearching: 'Danach suche ich bereits; die Ergebnisse stehen oben.',

  nextPrompt: 'Wie möchten Sie weitermachen?',
  next: {
    more: 'Weitere Ergebnisse',
    changeNeeds: 'Handlungsfeld ändern',
    changeTargetGroups: 'Zielgruppe ändern',
    changeSize: 'Kommune ändern',
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
  cancelled: 'Die Suche ist abgebrochen. Schreiben Sie mir, wenn Sie wieder etwas suchen, z. B. „Neue Suche“.',
  cancelNotConfirmed: 'Gut, dann machen wir weiter.',
  invokeNotUnderstood: 'Diese Aktion kenne ich nicht. Bitte schreiben Sie mir, wonach Sie suchen.',
  nothingToCancel: 'Es läuft gerade keine Suche. Schreiben Sie mir einfach, wofür Sie Förderung suchen.',
  restarting: 'Gern, wir beginnen eine neue Suche.',
  thanks: 'Gern geschehen!',
  messageCut: `Ihre Nachricht ist sehr lang: Ich habe die ersten ${formatNumber(MAX_MESSAGE_CHARS)} Zeichen gelesen. Was danach stand, schreiben Sie mir bitte noch einmal kurz.`,
  thanksAfterSearch: 'Gern geschehen! Schreiben Sie mir, wenn Sie wieder Förderprogramme suchen.',
  greetingDuringSearch: 'Hallo! Wir sind mitten in Ihrer Suche:',

  pleaseRepeat:
    'Ihre Nachricht kam gleichzeitig mit einer anderen an, und ich konnte sie nicht sicher zuordnen. Bitte schreiben Sie sie noch einmal.',
  englishHint:
    'Sorry, I only understand German. Please write your request in German, for example: ' +
    '„Sprachkurse für geflüchtete Frauen, Gemeinde mit 8.000 Einwohnern“.',
  slowDown:
    'Das waren sehr viele Nachrichten auf einmal. Ich beantworte die nächsten erst in ein paar ' +
    'Sekunden wieder – bitte schreiben Sie dann noch einmal.',
  storageDown:
    'Entschuldigung, ich kann Ihre Angaben gerade nicht speichern. Bitte versuchen Sie es in ' +
    'ein paar Minuten noch einmal; was Sie bisher angegeben haben, bleibt erhalten.',
  turnError:
    'Entschuldigung, da ist bei mir etwas schiefgegangen. Bitte schreiben Sie Ihre Nachricht ' +
    'noch einmal; Ihre Suche beginnt dann von vorn.',
  stateUnreadable: 'Ihre bisherigen Angaben konnten nicht gelesen werden – wir beginnen von vorn.',
};

const inDays = (days: number) => (days === 0 ? 'heute' : days === 1 ? 'morgen' : `in ${days} Tagen`);

/** Merkliste, saved searches, notifications and feedback. */
export const followUpTexts = {
  watched: (title: string, remindsBefore: number | null) =>
    `Gemerkt: ${quoted(title)}. Mit „Merkliste“ finden Sie es wieder.${remindsBefore === null ? '' : ` Vor der Frist erinnere ich Sie (zuerst ${remindsBefore === 0 ? 'am Tag der Frist' : remindsBefore === 1 ? 'einen Tag vorher' : `${remindsBefore} Tage vorher`}).`}`,
  alreadyWatched: (title: string) => `${quoted(title)} steht schon auf Ihrer Merkliste.`,
  watchlistFull: (max: number) =>
    `Ihre Merkliste ist voll (${max} Programme). Entfernen Sie zuerst eines: „Merkliste“, dann „Entfernen“ auf seiner Karte.`,
  unknownProgramme: 'Dieses Programm gibt es in den aktuellen Daten nicht mehr. Aktuelle Programme zeigt Ihnen „Neue Suche“.',
  unwatched: (title: string) => `${quoted(title)} ist nicht mehr auf Ihrer Merkliste.`,
  notWatched: 'Dieses Programm stand nicht auf Ihrer Merkliste.',
  watchlistEmpty: 'Ihre Merkliste ist leer. Tippen Sie bei einem Programm auf „Merken“, dann erinnere ich Sie an seine Frist.',
  watchlistIntro: (count: number, shown: number) =>
    count === 1
      ? 'Auf Ihrer Merkliste steht ein Programm:'
      : `Auf Ihrer Merkliste stehen ${count} Programme${shown < count ? `, hier die ${shown} mit der nächsten Frist` : ', nach Frist geordnet'}:`,
  missingFromCatalogue: (count: number) =>
    count === 1
      ? 'Ein gemerktes Programm gibt es in den aktuellen Daten nicht mehr.'
      : `${count} gemerkte Programme gibt es in den aktuellen Daten nicht mehr.`,
  savedSearchesTitle: 'Ihre gespeicherten Suchen',
  removeSearch: 'Löschen',
  searchSaved: (search: string) =>
    `Suche gespeichert: ${search}. Kommt ein passendes Programm neu hinzu oder ändert sich eines, sage ich Ihnen Bescheid.`,
  searchAlreadySaved: (search: string) => `Diese Suche ist schon gespeichert: ${search}.`,
  searchesFull: (max: number) => `Sie haben schon ${max} Suchen gespeichert. Löschen Sie zuerst eine: „Merkliste“, dann „Löschen“.`,
  searchRemoved: 'Die gespeicherte Suche ist gelöscht.',
  nothingToSave: 'Es gibt noch keine Suche zum Speichern. Beginnen Sie eine Suche; danach speichern Sie sie mit „Suche speichern“.',
  searchNotFound: 'Diese Suche war nicht mehr gespeichert.',
  notificationsOff: 'Benachrichtigungen sind aus. Mit „Benachrichtigungen an“ schalten Sie sie wieder ein.',
  notificationsOn:
    'Benachrichtigungen sind an: Ich erinnere Sie an Fristen gemerkter Programme und melde neue Programme zu Ihren gespeicherten Suchen.',
  forgotten:
    'Gelöscht: Ihre Merkliste, Ihre gespeicherten Suchen, die gemerkte Kommune, Ihre Einstellungen für ' +
    'Benachrichtigungen und Ihre laufende Suche in diesem Chat. Ich schreibe Ihnen nicht mehr von selbst.',
  nothingToForget:
    'Von Ihnen habe ich keine Merkliste, keine gespeicherten Suchen, keine Kommune und keine Benachrichtigungen gespeichert.',
  forgetConfirm:
    'Sollen Ihre Merkliste, Ihre gespeicherten Suchen, die gemerkte Kommune, Ihre Einstellungen für Benachrichtigungen ' +
    'und Ihre laufende Suche in diesem Chat wirklich gelöscht werden?',
  forgetDeclined: 'Gut, ich habe nichts gelöscht.',
  notificationsState: (on: boolean) =>
    on ? 'Benachrichtigungen: an (aus mit „Benachrichtigungen aus“).' : 'Benachrichtigungen: aus (an mit „Benachrichtigungen an“).',
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
    deadline: (title: string, daysLeft: number, date: string) =>
      `⏰ Erinnerung: Die Frist für ${quoted(title)} endet ${inDays(daysLeft)} (${germanDate(date)}).`,
    ended: (title: string, successor: string | undefined) =>
      `${quoted(title)} von Ihrer Merkliste ist beendet.${successor === undefined ? '' : ` Nachfolger: ${quoted(successor)}.`}`,
    newMatch: (title: string, search: string) => `Neu zu Ihrer gespeicherten Suche (${search}): ${quoted(title)}.`,
    changedMatch: (title: string, search: string) =>
      `Zu Ihrer gespeicherten Suche (${search}) hat sich ein Programm geändert: ${quoted(title)}. Bitte prüfen Sie die Angaben.`,
    footer: 'Keine Benachrichtigungen mehr? Schreiben Sie „Benachrichtigungen aus“.',
  },
};

/** A message that names programmes: what they are, and what became of ended ones. */
export const lookupTexts = {
  found: (title: string) => `Hier die Angaben zu ${quoted(title)}.`,
  ended: (title: string, deadline: Deadline, successor: string | undefined) =>
    `${quoted(title)} ist ${deadline.kind === 'beendet' ? `beendet (seit ${germanDate(deadline.date)})` : 'derzeit nicht offen'}.${successor === undefined ? '' : ` Nachfolger: ${quoted(successor)}.`}`,
};
