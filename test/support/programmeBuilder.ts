import type { Programme } from '../../src/domain/programme.js';
import type { Municipality } from '../../src/domain/taxonomy.js';

/** A kreisangehörige Großstadt: programmes for Kreise reach it through its Kreis. */
export const PADERBORN: Municipality = {
  name: 'Paderborn',
  ags: '05774032',
  kind: 'kreisangehoerig',
  inhabitants: 152_000,
  kreis: 'Kreis Paderborn',
};

/** A valid programme with neutral defaults; each test states only what matters to it. */
export function programme(overrides: Partial<Programme> & { id: string }): Programme {
  return {
    title: `Programm ${overrides.id}`,
    summary: 'Gefördert werden Vorhaben der Integrationsarbeit.',
    funder: 'Land NRW',
    level: 'land',
    needs: ['sprache'],
    targetGroups: ['gefluechtete'],
    applicants: ['gemeinde', 'kreis', 'kreisfreie_stadt'],
    fundingType: 'zuschuss',
    deadline: { kind: 'laufend' },
    applicationUrl: `https://example.org/${overrides.id}`,
    sourceUrl: `https://example.org/${overrides.id}`,
    lastVerified: '2026-11-01',
    ...overrides,
  };
}
