import { describe, expect, it } from 'vitest';
import { OFFERS_KEPT, offer, parseFeedbackOffers, takeVote } from '../../src/domain/feedbackOffers.js';

const search = { needs: ['sprache' as const], targetGroups: ['frauen_familien' as const], sizeClass: 'klein' as const };

describe('feedback offers: one vote per search the bot showed', () => {
  it('counts a vote once, with the search as offered', () => {
    const offers = offer([], 's1', search);
    const first = takeVote(offers, 's1');
    expect(first.search).toEqual(search);
    expect(takeVote(first.offers, 's1').search).toBeNull();
  });

  it.each([
    ['no id', undefined],
    ['an id never offered', 'erfunden'],
  ])('does not count a vote with %s', (_case, searchId) => {
    expect(takeVote(offer([], 's1', search), searchId).search).toBeNull();
  });

  it(`keeps the latest ${OFFERS_KEPT} offers; an older card no longer counts`, () => {
    let offers = parseFeedbackOffers(undefined);
    for (let number = 1; number <= OFFERS_KEPT + 1; number += 1) offers = offer(offers, `s${number}`, search);
    expect(offers).toHaveLength(OFFERS_KEPT);
    expect(takeVote(offers, 's1').search).toBeNull();
    expect(takeVote(offers, `s${OFFERS_KEPT + 1}`).search).toEqual(search);
  });

  it('reads what is stored through the schema; anything else is no offer', () => {
    expect(parseFeedbackOffers([{ searchId: 's', search: { ...search, needs: ['gibt-es-nicht'] } }])).toEqual([]);
    expect(parseFeedbackOffers('kaputt')).toEqual([]);
  });
});
