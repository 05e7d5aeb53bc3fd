/** For whoever runs the bot: HTTP answers, start-up problems, the health check. */

/** Answers of the Bot Framework endpoint to requests it cannot take. */
export const activityTexts = {
  invalid: (field: string) => `Ungültige Aktivität: Feld „${field}“ fehlt oder hat den falschen Typ.`,
  unauthorized: 'Anfrage ohne gültige Bot-Framework-Anmeldung.',
  failed: 'Die Nachricht konnte nicht verarbeitet werden.',
  serviceUrlNotAllowed:
    'Ohne Anmeldung (Emulator-Modus) antwortet der Bot nur an Adressen auf diesem Rechner; diese serviceUrl wird nicht angenommen.',
  busy: 'Gerade sind sehr viele Nachrichten unterwegs. Bitte versuchen Sie es in einer Sekunde noch einmal.',
  shuttingDown: 'Der Bot wird gerade neu gestartet. Bitte versuchen Sie es in wenigen Sekunden noch einmal.',
};

/** Answers of the local Direct Line endpoint behind the chat page (Emulator mode only). */
export const directLineTexts = {
  tooManyConversations:
    'Gerade sind zu viele Chat-Fenster offen. Bitte schließen Sie nicht mehr benötigte oder versuchen Sie es in einigen Minuten noch einmal.',
  unknownConversation: 'Dieses Gespräch gibt es nicht (mehr). Bitte laden Sie die Chat-Seite neu.',
  wrongToken: 'Der Zugangsschlüssel fehlt oder passt nicht zu diesem Gespräch. Bitte laden Sie die Chat-Seite neu.',
  unsupportedType: (type: string) => `Aktivitäten vom Typ „${type}“ nimmt dieser Chat nicht an, nur Nachrichten (message).`,
  invalidWatermark: 'Ungültiger Wert für „watermark“: erwartet wird eine ganze Zahl ab 0.',
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
  storageUnavailable:
    'Der Gesprächszustand kann gerade nicht gespeichert werden. Bitte prüfen Sie den Speicher (STATE_DIR bzw. Azure Blob Storage).',
};

/** Why the state storage cannot be opened at start-up: for the operator, on stderr. */
export const storageTexts = {
  locked: (directory: string, holder: { pid: number; host: string; heartbeatAt: string } | undefined) =>
    `Der Ordner ${directory} (STATE_DIR) wird schon von einem anderen Prozess des Bots benutzt${holder === undefined ? '' : ` (PID ${holder.pid} auf ${holder.host}, zuletzt aktiv ${holder.heartbeatAt})`}. ` +
    'STATE_STORAGE=file ist für genau einen Prozess. Für mehrere Instanzen setzen Sie ' +
    'STATE_STORAGE=blob; sonst beenden Sie den anderen Prozess oder geben diesem einen eigenen ' +
    'STATE_DIR.',
  cannotOpen: (directory: string, detail: string) =>
    `Der Ordner ${directory} (STATE_DIR) kann nicht angelegt oder beschrieben werden: ${detail}`,
  cannotRead: (directory: string, detail: string) => `Der Ordner ${directory} (STATE_DIR) kann nicht gelesen werden: ${detail}`,
  olderLayout: (directory: string, files: number) =>
    `Im Ordner ${directory} (STATE_DIR) liegen noch ${files === 1 ? 'eine Datei' : `${files} Dateien`} im Format einer älteren Version. Starten Sie den Bot einmal mit dieser Version; er ordnet sie beim Start ein. Danach rufen Sie den Befehl erneut auf.`,
};
