/** The words of the exported result list (Word and CSV) and of the links to it. */

export const exportTexts = {
  everything: 'alle offenen Programme',
  heading: 'Förderprogramme für die Integrationsarbeit',
  searchLine: (search: string) => `Suche: ${search}`,
  dateLine: (date: string) => `Stand der Liste: ${date} · erstellt mit dem Förderlotsen NRW`,
  count: (count: number) => (count === 1 ? '1 Programm' : `${count} Programme`),
  none: 'Zu dieser Suche gibt es derzeit kein offenes Programm.',
  note: 'Bitte prüfen Sie Fristen und Bedingungen vor einem Antrag auf der Seite des Fördergebers.',
  columns: {
    title: 'Programm',
    funder: 'Fördergeber',
    funded: 'Gefördert wird',
    route: 'Antragsweg',
    amount: 'Förderung',
    deadline: 'Frist',
    source: 'Quelle',
    application: 'Zur Förderseite',
    asOf: 'Stand',
  },
  fileName: (date: string, extension: string) => `Foerderprogramme-${date}.${extension}`,
  chatLinks: (word: string, csv: string) => `**Liste exportieren:** [Word-Datei](${word}) · [CSV-Datei](${csv}) (Links 24 Stunden gültig)`,
  openInTab: (url: string) => `[Im Tab öffnen](${url})`,
  busy: 'Gerade werden viele Listen erstellt. Bitte versuchen Sie es in einer Sekunde noch einmal.',
  linkInvalid: 'Dieser Link ist ungültig oder abgelaufen (Links gelten 24 Stunden). Bitte lassen Sie sich im Chat eine neue Liste geben.',
};
