import { describe, expect, it } from 'vitest';
import { NO_PLACES } from '../../src/domain/places.js';
import { recognize } from '../../src/domain/recognizer.js';
import { NEEDS, SIZE_CLASSES, TARGET_GROUPS } from '../../src/domain/taxonomy.js';

describe('the short labels on buttons', () => {
  // Web Chat (and the Emulator) show a choice longer than 20 characters as a numbered list instead of buttons.
  it.each([...NEEDS, ...TARGET_GROUPS, ...SIZE_CLASSES].map((entry) => [entry.short]))('„%s“ fits on a button', (short) => {
    expect([...short].length).toBeLessThanOrEqual(20);
  });

  it.each(NEEDS.map((need) => [need.short, need.id]))('„%s“, typed, reads as the need %s', (short, id) => {
    expect(recognize(short, undefined, NO_PLACES).needs).toEqual([id]);
  });

  it.each(TARGET_GROUPS.map((group) => [group.short, group.id]))('„%s“, typed, reads as the target group %s', (short, id) => {
    expect(recognize(short, 'targetGroups', NO_PLACES).targetGroups).toEqual([id]);
  });
});
