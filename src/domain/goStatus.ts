import type { GazetteerEntry, GoStatus } from './gazetteer.js';

/**
 * The Große and Mittlere kreisangehörige Städte of NRW. The status is conferred by ordinance, not by
 * population (a town keeps it for years below the threshold, another gets it on request above 20,000),
 * so it is taken from the ordinance's list, by the names it uses.
 */

export const GO_STATUS_SOURCE = {
  title:
    'Verordnung zur Bestimmung der Großen kreisangehörigen Städte und der Mittleren kreisangehörigen Städte ' +
    'nach § 4 der Gemeindeordnung für das Land Nordrhein-Westfalen, Fassung vom 01.01.2025',
  url: 'https://recht.nrw.de/lmi/owa/br_text_anzeigen?bes_ab=01012025&bes_id=51029&show_preview=0',
} as const;

/** § 1 of the ordinance, in its spelling. */
export const GROSSE_KREISANGEHOERIGE_STAEDTE: readonly string[] = [
  'Arnsberg',
  'Bergheim',
  'Bergisch Gladbach',
  'Bocholt',
  'Castrop-Rauxel',
  'Detmold',
  'Dinslaken',
  'Dormagen',
  'Dorsten',
  'Düren',
  'Gladbeck',
  'Grevenbroich',
  'Gütersloh',
  'Herford',
  'Herten',
  'Iserlohn',
  'Kerpen',
  'Lippstadt',
  'Lüdenscheid',
  'Lünen',
  'Marl',
  'Minden',
  'Moers',
  'Neuss',
  'Paderborn',
  'Ratingen',
  'Recklinghausen',
  'Rheine',
  'Siegen',
  'Troisdorf',
  'Unna',
  'Velbert',
  'Viersen',
  'Wesel',
  'Witten',
];

/** § 2 of the ordinance, in its spelling ("Monheim", "Haltern", "Langenfeld (Rhld.)"). */
export const MITTLERE_KREISANGEHOERIGE_STAEDTE: readonly string[] = [
  'Ahaus',
  'Ahlen',
  'Alsdorf',
  'Altena',
  'Attendorn',
  'Bad Honnef',
  'Bad Oeynhausen',
  'Bad Salzuflen',
  'Baesweiler',
  'Beckum',
  'Bedburg',
  'Bergkamen',
  'Borken',
  'Bornheim',
  'Brilon',
  'Brühl',
  'Bünde',
  'Coesfeld',
  'Datteln',
  'Delbrück',
  'Dülmen',
  'Elsdorf',
  'Emmerich',
  'Emsdetten',
  'Ennepetal',
  'Erftstadt',
  'Erkelenz',
  'Erkrath',
  'Eschweiler',
  'Espelkamp',
  'Euskirchen',
  'Frechen',
  'Geilenkirchen',
  'Geldern',
  'Gevelsberg',
  'Goch',
  'Greven',
  'Gronau (Westf.)',
  'Gummersbach',
  'Haan',
  'Haltern',
  'Hamminkeln',
  'Harsewinkel',
  'Hattingen',
  'Heiligenhaus',
  'Heinsberg',
  'Hemer',
  'Hennef (Sieg)',
  'Herdecke',
  'Herzogenrath',
  'Hilden',
  'Höxter',
  'Hückelhoven',
  'Hürth',
  'Ibbenbüren',
  'Jüchen',
  'Jülich',
  'Kaarst',
  'Kamen',
  'Kamp-Lintfort',
  'Kempen',
  'Kevelaer',
  'Kleve',
  'Königswinter',
  'Korschenbroich',
  'Kreuztal',
  'Lage',
  'Langenfeld (Rhld.)',
  'Leichlingen (Rhld.)',
  'Lemgo',
  'Lennestadt',
  'Lohmar',
  'Löhne',
  'Lübbecke',
  'Mechernich',
  'Meckenheim',
  'Meerbusch',
  'Menden (Sauerland)',
  'Meschede',
  'Mettmann',
  'Monheim',
  'Netphen',
  'Nettetal',
  'Neukirchen-Vluyn',
  'Niederkassel',
  'Oelde',
  'Oer-Erkenschwick',
  'Olpe',
  'Overath',
  'Petershagen',
  'Plettenberg',
  'Porta Westfalica',
  'Pulheim',
  'Radevormwald',
  'Rheda-Wiedenbrück',
  'Rheinbach',
  'Rheinberg',
  'Rietberg',
  'Rösrath',
  'Salzkotten',
  'Sankt Augustin',
  'Schloß Holte-Stukenbrock',
  'Schmallenberg',
  'Schwelm',
  'Schwerte',
  'Selm',
  'Siegburg',
  'Soest',
  'Sprockhövel',
  'Steinfurt',
  'Stolberg (Rhld.)',
  'Sundern (Sauerland)',
  'Tönisvorst',
  'Übach-Palenberg',
  'Verl',
  'Voerde (Niederrhein)',
  'Waltrop',
  'Warendorf',
  'Warstein',
  'Wegberg',
  'Werdohl',
  'Werl',
  'Wermelskirchen',
  'Werne',
  'Wesseling',
  'Wetter (Ruhr)',
  'Wiehl',
  'Willich',
  'Wipperfürth',
  'Wülfrath',
  'Würselen',
  'Xanten',
];

export interface GoStatusLists {
  grosse: readonly string[];
  mittlere: readonly string[];
}

/**
 * Sets `goStatus` of the kreisangehörige Gemeinden the lists name, by name or alias ("Monheim" is
 * Monheim am Rhein's alias). `unmatched` lists the names that name no kreisangehörige Gemeinde, or
 * more than one: then the gazetteer and the ordinance disagree, and a person has to look.
 */
export function withGoStatus(
  entries: readonly GazetteerEntry[],
  lists: GoStatusLists = { grosse: GROSSE_KREISANGEHOERIGE_STAEDTE, mittlere: MITTLERE_KREISANGEHOERIGE_STAEDTE },
): { municipalities: GazetteerEntry[]; unmatched: string[] } {
  const fold = (name: string) => name.toLocaleLowerCase('de');
  const byName = new Map<string, GazetteerEntry[]>();
  for (const entry of entries.filter((candidate) => candidate.kind === 'kreisangehoerig')) {
    for (const name of [entry.name, ...entry.aliases]) byName.set(fold(name), [...(byName.get(fold(name)) ?? []), entry]);
  }
  const status = new Map<string, GoStatus>();
  const unmatched: string[] = [];
  const apply = (names: readonly string[], value: GoStatus) => {
    for (const name of names) {
      const found = byName.get(fold(name)) ?? [];
      if (found.length === 1 && !status.has(found[0]!.ags)) status.set(found[0]!.ags, value);
      else unmatched.push(name);
    }
  };
  apply(lists.grosse, 'grosse_kreisangehoerige_stadt');
  apply(lists.mittlere, 'mittlere_kreisangehoerige_stadt');
  return { municipalities: entries.map((entry) => ({ ...entry, goStatus: status.get(entry.ags) ?? null })), unmatched };
}
