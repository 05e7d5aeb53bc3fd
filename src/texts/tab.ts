import { texts } from './chat.js';
import { formatNumber } from './format.js';
import { EXAMPLE, SLOT_LABELS, card } from './labels.js';

/** The programme tab, its JSON API, the legal pages and the local chat page (src/http/). */
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
    municipality: 'Kommune',
    municipalityHint: 'Stadt, Gemeinde oder Kreis in NRW; Vorschläge erscheinen beim Tippen. Ihre Wahl merkt sich nur dieser Browser.',
    any: 'beliebig',
    search: 'Programme suchen',
    clear: 'Eingaben leeren',
    exportList: 'Liste exportieren:',
    exportWord: 'Word-Datei',
    exportCsv: 'CSV-Datei',
    nameFilter: 'Name oder Stichwort',
    nameFilterHint:
      'Ein Teil des Programmnamens oder des Fördergebers, zum Beispiel „Sprach“ oder „Stiftung“. ' +
      'Die Liste wird schon beim Tippen kürzer; Groß- und Kleinschreibung und Umlaute spielen keine Rolle.',
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
    notUnderstood:
      'In Ihrem Text habe ich kein Handlungsfeld, keine Zielgruppe und keine Größe erkannt. ' +
      'Versuchen Sie Stichworte wie „Sprachkurs“, „Wohnraum“ oder „Jugendliche“, oder wählen Sie ' +
      'in den Feldern.',
    unsure: 'Nicht sicher erkannt: {labels}. Wählen Sie es in den Feldern aus, wenn Sie das meinen.',
    emptySearch: 'Bitte beschreiben Sie Ihr Vorhaben oder wählen Sie mindestens ein Feld aus.',
    badLink: 'Dieser Suchlink enthält eine Angabe, die ich nicht kenne. Bitte suchen Sie oben neu.',
    unknownMunicipality: 'Diese Kommune kenne ich nicht. Bitte wählen Sie einen Vorschlag aus der Liste (nur Kommunen in NRW).',
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

  /** The chat page for trying the bot without the Emulator (`/chat`, Emulator mode only). */
  chat: {
    pageTitle: 'Förderlotse NRW – Chat zum Ausprobieren',
    heading: 'Förderlotse NRW – Chat zum Ausprobieren',
    hint: 'Nur zum Testen auf diesem Rechner: Diese Seite gibt es nur, solange der Bot ohne Anmeldung läuft (Emulator-Modus).',
    chatLabel: 'Chat mit dem Förderlotsen',
    noScript: 'Der Chat braucht JavaScript. Bitte schalten Sie es ein.',
    notInstalled:
      'Diese Installation enthält Web Chat nicht (installiert ohne Entwicklungspakete). ' +
      'Führen Sie im Projektordner „npm install“ aus und starten Sie den Bot neu.',
    /** The bot as the chat names it. */
    botName: 'Förderlotse NRW',
    /** Sent to the browser script as JSON: plain strings only. */
    client: {
      loadFailed: 'Der Chat konnte nicht gestartet werden. Bitte laden Sie die Seite neu.',
    },
  },

  api: {
    unknownParameter: (name: string, allowed: readonly string[]) => `Unbekannter Parameter „${name}“. Erlaubt sind: ${allowed.join(', ')}.`,
    repeatedParameter: (name: string) => `Der Parameter „${name}“ darf nur einmal vorkommen.`,
    invalidValue: (name: string, value: string, expected: string) => `Ungültiger Wert „${value}“ für „${name}“. Erwartet: ${expected}.`,
    municipalityWithSize: '„municipality“ bringt die Größe der Kommune mit; lassen Sie „size“ und „inhabitants“ dann weg.',
    unknownMunicipality: (value: string) => `Keine Kommune in NRW hat den Gemeindeschlüssel „${value}“.`,
    sizeConflict: (inhabitants: number, size: string, fitting: string) =>
      `„inhabitants=${inhabitants}“ passt nicht zu „size=${size}“: Bei ${formatNumber(inhabitants)} Einwohnern ist die Größenklasse „${fitting}“. Lassen Sie eine der beiden Angaben weg.`,
    expected: {
      ids: (what: string, ids: readonly string[]) =>
        `${what} (${ids.join(', ')}), mehrere mit Komma getrennt oder als wiederholter Parameter`,
      oneId: (what: string, ids: readonly string[]) => `${what} (${ids.join(', ')})`,
      municipality: 'den Gemeindeschlüssel (AGS) einer Kommune oder eines Kreises in NRW, z. B. 05754008',
      needs: 'Handlungsfelder',
      targetGroups: 'Zielgruppen',
      sizeClass: 'eine Größenklasse',
      kind: 'die Art der Kommune',
      levels: 'Ebenen',
      status: 'open, ended oder all',
      wholeNumber: (min: number, max: number) => `eine ganze Zahl ohne Trennzeichen von ${formatNumber(min)} bis ${formatNumber(max)}`,
      freeText: (maxChars: number) => `Freitext mit höchstens ${maxChars} Zeichen`,
    },
    methodNotAllowed: (method: string) => `${method} ist hier nicht erlaubt. Diese Adresse beantwortet nur GET und HEAD.`,
    /** Nothing has the words of the name filter in its title or funder (the tab's „Name oder Stichwort“). */
    nameNotFound: (name: string, filtered: boolean) =>
      filtered
        ? `Kein Programm mit „${name}“ im Namen oder beim Fördergeber passt zu diesen Filtern. Ändern Sie das Stichwort oder die Filter.`
        : `Kein Programm hat „${name}“ im Namen oder beim Fördergeber. Prüfen Sie die Schreibweise oder versuchen Sie ein anderes Stichwort.`,
    internalError: 'Die Programme konnten gerade nicht geladen werden. Bitte versuchen Sie es gleich noch einmal.',
    summary: (answer: {
      mode: 'search' | 'browse';
      fit: 'exact' | 'closest' | 'none';
      total: number;
      ended: number;
      onlyEnded: boolean;
      filtered: boolean;
      /** The name filter („Name oder Stichwort“), when one is set. */
      name?: string | undefined;
    }) => {
      const { mode, fit, total, ended, onlyEnded, filtered, name } = answer;
      const programmes = (count: number) => (count === 1 ? '1 Programm' : `${count} Programme`);
      const endedNote = ended > 0 && !onlyEnded ? ` Davon ${ended} beendet.` : '';
      if (total === 0) {
        if (name !== undefined) return webTexts.api.nameNotFound(name, filtered);
        if (filtered) return 'Mit diesen Filtern bleibt kein Programm übrig. Ändern Sie die Filter.';
        if (onlyEnded) return 'Dazu gibt es kein beendetes Programm.';
        return mode === 'browse' ? 'Es sind keine Programme eingetragen.' : texts.nothingAtAll;
      }
      if (onlyEnded) return `${programmes(total)} nicht mehr offen, zur Information.`;
      if (mode === 'browse') return `${programmes(total)} gefunden.${endedNote}`;
      if (fit === 'closest')
        return `Kein Programm passt genau zu allen Angaben. ${total === 1 ? 'Dieses kommt' : `Diese ${total} kommen`} am nächsten; auf jeder Karte steht, was nicht passt.${endedNote}`;
      return `${total === 1 ? '1 passendes Programm' : `${total} passende Programme`} gefunden.${endedNote}`;
    },
  },

  legal: {
    /**
     * The operator's name, address and data protection contact, one line each. Operators fill this in
     * (or point PRIVACY_URL and TERMS_URL at their own pages); while it is empty, the pages say so.
     */
    operator: [] as readonly string[],
    operatorMissing:
      'Die betreibende Stelle hat ihre Angaben hier noch nicht eingetragen (Name, Anschrift, ' +
      'Kontakt, Datenschutzbeauftragte oder Datenschutzbeauftragter). Betreiber tragen sie in ' +
      'src/texts/tab.ts unter webTexts.legal.operator ein.',
    back: 'Zurück zur Programmsuche',
    privacy: {
      title: 'Datenschutz',
      intro:
        'Der Förderlotse NRW hilft Beschäftigten von Kommunen, Förderprogramme für die ' +
        'Integrationsarbeit zu finden. Hier steht, welche Daten dabei verarbeitet werden.',
      sections: [
        {
          heading: 'Verantwortlich',
          paragraphs: [
            'Verantwortlich ist die Stelle, die den Förderlotsen betreibt – zum Beispiel eine Kommune, ein Kreis oder ein Verband:',
          ],
          operator: true,
        },
        {
          heading: 'Was der Bot speichert',
          paragraphs: [
            'Für die laufende Suche merkt sich der Bot je Unterhaltung und Person Ihre Angaben ' +
              '(Handlungsfeld, Zielgruppe, Kommune oder ihre Größe) und wie weit Sie in den Ergebnissen sind. ' +
              'Diese Angaben dienen nur der Suche.',
            'Nennen Sie eine Kommune, merkt sich der Bot sie zu Ihrer Kennung im Kanal, um sie Ihnen bei der ' +
              'nächsten Suche wieder anzubieten – bis Sie „Meine Daten löschen“ schreiben.',
            'Wie lange sie aufbewahrt werden, hängt vom Speicher ab, den der Betreiber einrichtet; im ' +
              'Arbeitsspeicher gehen sie beim Neustart des Dienstes verloren. Im voreingestellten ' +
              'Datei-Speicher bleiben neben den aktuellen Angaben auch einige frühere derselben ' +
              'Unterhaltung stehen, bis die Datei neu geschrieben wird; „Meine Daten löschen“ entfernt alle.',
          ],
        },
        {
          heading: 'Merkliste und Benachrichtigungen',
          paragraphs: [
            'Wenn Sie ein Programm merken, eine Suche speichern oder Benachrichtigungen ein- oder ' +
              'ausschalten, speichert der Bot dazu Ihre Kennung im Kanal (z. B. Teams), die gemerkten ' +
              'Programme, die gespeicherten Suchen, welche Benachrichtigungen schon gesendet wurden und ' +
              'die Angaben, die er braucht, um Ihnen in diesem Chat von selbst zu schreiben ' +
              '(Erinnerungen an Fristen, neue passende Programme).',
            'Diese Daten bleiben gespeichert, bis Sie „Meine Daten löschen“ schreiben; danach schreibt ' +
              'der Bot Ihnen nicht mehr von selbst. „Benachrichtigungen aus“ schaltet nur die ' +
              'Nachrichten ab.',
          ],
        },
        {
          heading: 'Bedarfsbericht',
          paragraphs: [
            'Damit sichtbar wird, wo Förderung fehlt, zählt der Dienst Suchen nach Handlungsfeld, ' +
              'Zielgruppe, Größenklasse, Datum und Zahl der gefundenen offenen Programme, dazu gemerkte ' +
              'Programme und Rückmeldungen („War diese Suche hilfreich?“ mit einem freiwilligen ' +
              'Kommentar). Gespeichert wird dabei weder Ihre Kennung noch der Wortlaut Ihrer Suche. ' +
              'Schreiben Sie in einen Kommentar bitte keine Namen oder andere persönliche Angaben.',
          ],
        },
        {
          heading: 'Protokolle',
          paragraphs: [
            'Der Dienst schreibt technische Protokolle: Zeitpunkt, Art der Nachricht, Kennung der ' +
              'Unterhaltung und Fehler. Die Texte Ihrer Nachrichten stehen standardmäßig nicht darin.',
          ],
        },
        {
          heading: 'Programm-Tab',
          paragraphs: [
            'Suchen im Programm-Tab werden nicht gespeichert. Ihr Suchtext (auch ein Name oder Stichwort ' +
              'unter „Alle Programme“) wird als Teil der Adresse ' +
              'an den Dienst geschickt; er kann in Zugriffsprotokollen des Hosting-Anbieters erscheinen, ' +
              'wenn der Betreiber solche Protokolle einschaltet.',
            'Die Kommune Ihrer letzten Suche merkt sich nur Ihr Browser (im lokalen Speicher der Seite); ' +
              'sie verlässt ihn nur mit der nächsten Suche. Leeren Sie das Feld „Kommune“ oder alle Eingaben, ' +
              'ist sie vergessen.',
            'Der Tab setzt keine Cookies. Direkt im Browser geöffnet, lädt er nichts von fremden Servern.',
            'In Microsoft Teams (und anderen Microsoft-365-Anwendungen) nutzt der Tab die Bibliothek ' +
              'teams-js von Microsoft, die dieser Dienst selbst ausliefert; mit ihr übernimmt er zum Beispiel ' +
              'das Farbschema von Teams. Beim Öffnen ruft sie die Liste der gültigen Teams-Adressen von ' +
              'Microsofts Server res.cdn.office.net ab. Microsoft erfährt dabei Ihre IP-Adresse, Ihren ' +
              'Browser, den Zeitpunkt und die Adresse dieses Dienstes, nicht aber, wonach Sie suchen.',
          ],
        },
        {
          heading: 'Keine Analyse- und Werbedienste',
          paragraphs: ['Es gibt keine Analyse- oder Werbedienste. Der Bedarfsbericht zählt Suchen ohne Bezug zu Personen (siehe oben).'],
        },
        {
          heading: 'Microsoft Teams',
          paragraphs: [
            'Nachrichten an den Bot laufen über Microsoft Teams und den Bot Framework Service von ' +
              'Microsoft. Dafür gelten die Verträge Ihrer Organisation mit Microsoft.',
          ],
        },
        {
          heading: 'Ihre Rechte',
          paragraphs: [
            'Sie haben das Recht auf Auskunft, Berichtigung, Löschung und Einschränkung der ' +
              'Verarbeitung. Ihre Merkliste und gespeicherten Suchen löschen Sie selbst mit „Meine Daten ' +
              'löschen“ im Chat; für alles andere wenden Sie sich an die betreibende Stelle. Sie können ' +
              'sich auch bei einer Datenschutzaufsichtsbehörde beschweren, in Nordrhein-Westfalen bei ' +
              'der Landesbeauftragten für Datenschutz und Informationsfreiheit (LDI NRW).',
          ],
        },
      ],
    },
    terms: {
      title: 'Nutzungsbedingungen',
      intro:
        'Der Förderlotse NRW gibt einen Überblick über Förderprogramme für die Integrationsarbeit ' +
        'von Kommunen in Nordrhein-Westfalen. Er ist ein Hilfsmittel für die Recherche.',
      sections: [
        {
          heading: 'Keine Gewähr',
          paragraphs: [
            'Die Angaben werden sorgfältig geprüft; jede Karte nennt das Prüfdatum. Bedingungen, ' +
              'Fristen und Beträge können sich ändern. Verbindlich sind allein die Unterlagen des ' +
              'Fördergebers – bitte prüfen Sie diese vor einem Antrag.',
            'Der Förderlotse ist keine Rechts- oder Förderberatung. Der Bestand ist eine Auswahl: ' +
              'Fehlt ein Programm, heißt das nicht, dass es keine Förderung gibt.',
          ],
        },
        {
          heading: 'Nutzung',
          paragraphs: [
            'Die Nutzung ist kostenlos und für dienstliche Zwecke gedacht.',
            'Bitte geben Sie keine personenbezogenen Daten Dritter ein, etwa Namen von Geflüchteten – für die Suche sind sie nicht nötig.',
          ],
        },
        {
          heading: 'Betreiber und Kontakt',
          paragraphs: ['Fragen und Hinweise auf Fehler im Programmbestand richten Sie bitte an die betreibende Stelle:'],
          operator: true,
        },
      ],
    },
  },
};
