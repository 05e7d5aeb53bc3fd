import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NEEDS, SIZE_CLASSES, TARGET_GROUPS, sizeOfMunicipality } from '../../src/domain/taxonomy.js';
import {
  HELDOUT_FILE,
  NDCG_FLOOR,
  agreement,
  evaluateRanking,
  loadJudged,
  loadSecondReading,
  ndcg,
  precision,
} from '../eval/rankingEval.js';
import { validateProgrammes } from '../../src/domain/programme.js';

describe('the measures', () => {
  const grades = { a: 3, b: 2, c: 0, d: 1, e: 0, f: 3 };

  it('gives the ideal page 1 and a worse order less', () => {
    expect(ndcg(['a', 'f', 'b', 'd', 'c'], grades)).toBeCloseTo(1);
    expect(ndcg(['c', 'e', 'd', 'b', 'a'], grades)).toBeLessThan(0.5);
    expect(ndcg(['f', 'a', 'b', 'd'], grades)).toBeCloseTo(1);
  });

  it('counts a programme nobody graded as not useful', () => {
    expect(ndcg(['new', 'a', 'f', 'b', 'd'], grades)).toBeLessThan(ndcg(['a', 'f', 'b', 'd', 'new'], grades));
  });

  it('calls a page right when nothing could be better', () => {
    expect(ndcg(['c', 'e'], { c: 0, e: 0 })).toBe(1);
    expect(ndcg([], { c: 0, e: 0 })).toBe(1);
  });

  it('counts grades 2 and 3 on the first page of five for precision', () => {
    expect(precision(['a', 'b', 'c', 'd', 'f'], grades)).toBeCloseTo(3 / 5);
    expect(precision(['a'], grades)).toBeCloseTo(1 / 5);
  });
});

describe('the judged collection', () => {
  const collection = loadJudged();
  const { programmes } = JSON.parse(readFileSync('data/programmes.json', 'utf8')) as { programmes: { id: string }[] };

  it('has at least 40 queries, each with a grade for every programme of the catalogue', () => {
    expect(collection.queries.length).toBeGreaterThanOrEqual(40);
    for (const query of collection.queries) {
      const missing = programmes.filter((programme) => query.grades[programme.id] === undefined).map((programme) => programme.id);
      expect(missing, `${query.id} has no grade for`).toEqual([]);
    }
  });

  it('covers every need, target group, size class and kind, and queries with two needs or two groups', () => {
    const queries = collection.queries;
    expect(new Set(queries.flatMap((query) => query.needs))).toEqual(new Set(NEEDS.map((need) => need.id)));
    expect(new Set(queries.flatMap((query) => query.targetGroups))).toEqual(new Set(TARGET_GROUPS.map((group) => group.id)));
    expect(new Set(queries.map((query) => sizeOfMunicipality(query.municipality).class))).toEqual(
      new Set(SIZE_CLASSES.map((size) => size.id)),
    );
    expect(new Set(queries.map((query) => query.municipality.kind))).toEqual(new Set(['kreisfrei', 'kreisangehoerig', 'kreis']));
    expect(queries.some((query) => query.needs.length > 1)).toBe(true);
    expect(queries.some((query) => query.targetGroups.length > 1)).toBe(true);
  });

  it('has a second reading of at least a quarter of its queries, on the same day', () => {
    const second = loadSecondReading();
    expect(second.date).toBe(collection.date);
    expect(agreement(collection, second).queries).toBeGreaterThanOrEqual(collection.queries.length / 4);
  });
});

describe('the held-out collection', () => {
  const heldOut = loadJudged(HELDOUT_FILE);
  const { programmes } = JSON.parse(readFileSync('data/programmes.json', 'utf8')) as { programmes: { id: string }[] };

  it('grades every programme of the catalogue for each of its queries, on the day of the first collection', () => {
    expect(heldOut.queries.length).toBeGreaterThanOrEqual(16);
    expect(heldOut.date).toBe(loadJudged().date);
    for (const query of heldOut.queries) {
      const missing = programmes.filter((programme) => query.grades[programme.id] === undefined).map((programme) => programme.id);
      expect(missing, `${query.id} has no grade for`).toEqual([]);
    }
  });

  it('shares no query with the first collection', () => {
    const first = new Set(loadJudged().queries.map((query) => query.municipality.ags));
    expect(heldOut.queries.filter((query) => first.has(query.municipality.ags)).map((query) => query.id)).toEqual([]);
  });
});

describe('the bot’s order', () => {
  const stored = validateProgrammes(JSON.parse(readFileSync('data/programmes.json', 'utf8')), 'data/programmes.json');
  if (!stored.ok) throw new Error('store invalid');

  it('keeps the agreement reached on both collections (the aim is 0.90)', () => {
    expect(evaluateRanking(loadJudged(), stored.programmes).ndcg).toBeGreaterThanOrEqual(NDCG_FLOOR.judged);
    expect(evaluateRanking(loadJudged(HELDOUT_FILE), stored.programmes).ndcg).toBeGreaterThanOrEqual(NDCG_FLOOR.heldOut);
  });

  it('ranks better than the store filtered by need in file order', () => {
    const report = evaluateRanking(loadJudged(), stored.programmes);
    expect(report.ndcg).toBeGreaterThan(report.baseline.ndcg + 0.1);
  });
});
