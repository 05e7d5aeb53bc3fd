import type { PlaceIndex } from '../src/domain/places.js';
import { recognize } from '../src/domain/recognizer.js';
import { readTokens } from '../src/domain/text.js';
import { HOLDOUT_FILE, loadEvalCases } from '../test/eval/recognizerEval.js';
import { summarize } from './stats.js';

export { summarize, type TimingSummary } from './stats.js';

function timeEach(
  messages: readonly { text: string; step?: 'needs' | 'targetGroups' | 'size' }[],
  rounds: number,
  read: (text: string, step?: 'needs' | 'targetGroups' | 'size') => unknown,
): number[] {
  const samples: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    for (const message of messages) {
      const started = performance.now();
      read(message.text, message.step);
      samples.push(performance.now() - started);
    }
  }
  return samples;
}

/**
 * Time per message of the recognizer over the labelled set, reading place names with the real
 * directory as the bot does, against the floor of any reader: splitting and folding the same text,
 * in the same process.
 */
export function benchRecognizer(places: PlaceIndex, rounds = 40) {
  const messages = loadEvalCases();
  const read = (text: string, step?: 'needs' | 'targetGroups' | 'size') => recognize(text, step, places);
  const floor = (text: string) => readTokens(text);
  // Compiled code warms up on other messages; the first pass over the set then meets most of its
  // words for the first time (nothing remembered of stems or typo look-ups).
  timeEach(loadEvalCases(HOLDOUT_FILE), 3, read);
  const cold = summarize(timeEach(messages, 1, read));
  timeEach(messages, 5, read);
  timeEach(messages, 5, floor);
  const recognizer = summarize(timeEach(messages, rounds, read));
  const baseline = summarize(timeEach(messages, rounds, floor));
  return {
    messages: messages.length,
    cold,
    recognizer,
    baseline,
    p50Ratio: recognizer.medianMs / baseline.medianMs,
    p99Ratio: recognizer.p99Ms / baseline.p99Ms,
  };
}
