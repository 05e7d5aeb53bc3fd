import { CSV_COLUMNS } from '../../src/domain/programmeCsv.js';

/** A valid CSV row for `id`, separated by `;` as a German spreadsheet exports it; `cells` overrides columns by name. */
export function csvRow(id: string, cells: Record<string, string> = {}): string {
  const base: Record<string, string> = {
    id,
    title: `Programm ${id}`,
    summary: 'Gefördert werden Vorhaben der Integrationsarbeit.',
    funder: 'Land NRW',
    level: 'land',
    needs: 'sprache',
    targetGroups: 'gefluechtete',
    applicants: 'gemeinde|kreis|kreisfreie_stadt',
    fundingType: 'zuschuss',
    deadlineKind: 'laufend',
    applicationUrl: `https://example.org/${id}`,
    sourceUrl: `https://example.org/${id}`,
    lastVerified: '2026-11-01',
    ...cells,
  };
  return CSV_COLUMNS.map((name) => base[name] ?? '').join(';');
}
