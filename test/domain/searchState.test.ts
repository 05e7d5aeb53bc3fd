import { describe, expect, it } from 'vitest';
import { NO_PLACES } from '../../src/domain/places.js';
import { recognize } from '../../src/domain/recognizer.js';
import {
  SearchStateSchema,
  absorb,
  backToShown,
  newSearchState,
  noteShown,
  parseSearchState,
  profileChange,
  settle,
} from '../../src/domain/searchState.js';

const said = (text: string, state = newSearchState()) => absorb(state, recognize(text, undefined, NO_PLACES));

describe('profileChange: what a reply changed', () => {
  it('names the slots a reply set anew, and only those', () => {
    const before = said('Sprachkurse für Frauen');
    const after = absorb(before, recognize('eher Wohnen', undefined, NO_PLACES));
    expect(profileChange(before.profile, after.profile)).toEqual({
      now: { needs: ['wohnen'], targetGroups: [], size: null },
      without: { needs: [], targetGroups: [] },
    });
  });

  it('names what was ruled out when nothing took its place', () => {
    const before = said('Sprachkurse für Frauen und Geflüchtete');
    const after = absorb(before, recognize('nicht für Frauen', undefined, NO_PLACES));
    expect(profileChange(before.profile, after.profile)?.without.targetGroups).toEqual(['frauen_familien']);
  });

  it('names a new size, and nothing when a reply repeats what is known', () => {
    const before = said('Sprachkurse für Frauen, Gemeinde mit 8.000 Einwohnern');
    expect(profileChange(before.profile, said('9.000 Einwohner', before).profile)?.now.size).toEqual({ class: 'klein', inhabitants: 9000 });
    expect(profileChange(before.profile, said('Sprachkurse', before).profile)).toBeNull();
  });
});

describe('a named municipality', () => {
  it('keeps its own kind: "kreisangehörig" after "Köln" changes nothing', () => {
    const koeln = { name: 'Köln', ags: '05315000', kind: 'kreisfrei' as const, inhabitants: 1_087_863, kreis: null };
    const named = settle(newSearchState(), koeln);
    const after = absorb(named, recognize('kreisangehörig', undefined, NO_PLACES));
    expect(after.profile).toEqual(named.profile);
    expect(profileChange(named.profile, after.profile)).toBeNull();
  });
});

describe('the results shown, for "zurück"', () => {
  it('keeps each page once, at most five, and stays a valid state', () => {
    let state = said('Sprachkurse für Frauen, Kreis');
    state = noteShown(noteShown(state));
    expect(state.shown).toHaveLength(1);
    for (const page of [1, 2, 3, 4, 5, 6]) state = noteShown({ ...state, page });
    expect(state.shown.map((entry) => entry.page)).toEqual([2, 3, 4, 5, 6]);
    expect(SearchStateSchema.safeParse(state).success).toBe(true);
  });

  it('goes from results to those before them, and from a question to the results last shown', () => {
    const first = noteShown(said('Sprachkurse für Frauen, Kreis'));
    const second = noteShown(said('eher Wohnen', first));
    expect(backToShown(second, true)?.profile.needs).toEqual(['sprache']);
    expect(backToShown(first, true)).toBeNull();
    const asking = { ...second, profile: { ...second.profile, targetGroups: [] } };
    expect(backToShown(asking, false)?.profile).toEqual(second.profile);
  });

  it('reads a state saved before results were kept', () => {
    const saved: Record<string, unknown> = JSON.parse(JSON.stringify(said('Sprachkurse')));
    delete saved.shown;
    expect(parseSearchState(saved).shown).toEqual([]);
  });
});
