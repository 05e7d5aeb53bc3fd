import { NEEDS, SIZE_CLASSES, TARGET_GROUPS } from '../../src/domain/taxonomy.js';
import { texts } from '../../src/texts/chat.js';
import { EmulatorClient } from './emulatorClient.js';
import type { FakeConnector } from './fakeConnector.js';

/**
 * Many users at once, each walking through whole searches with answers of their own. Every reply is
 * checked against what that user's own input calls for: a missing reply is lost, a reply meant for
 * someone else's search is mixed up.
 */
export interface SoakReport {
  conversations: number;
  turns: number;
  errors: number;
  lost: number;
  mixedUp: number;
  p50Ms: number;
  p99Ms: number;
  durationMs: number;
}

const pick = <T>(items: readonly T[], seed: number) => items[seed % items.length] as T;

export async function soak(options: {
  botUrl: string;
  connector: FakeConnector;
  conversations: number;
  rounds: number;
  until?: number;
}): Promise<SoakReport> {
  const latencies: number[] = [];
  const report = { conversations: options.conversations, turns: 0, errors: 0, lost: 0, mixedUp: 0 };
  const started = performance.now();

  const converse = async (number: number) => {
    const user = new EmulatorClient(options.botUrl, options.connector, {
      conversationId: `soak-${number}-${Math.random().toString(36).slice(2)}`,
      userId: `user-${number}`,
    });
    for (let round = 0; round < options.rounds && (options.until === undefined || Date.now() < options.until); round += 1) {
      const seed = number * 7 + round * 13;
      const need = pick(NEEDS, seed);
      const group = pick(TARGET_GROUPS, seed + 3);
      const size = pick(SIZE_CLASSES, seed + 5);
      const summary = texts.searchingFor({ needs: [need.id], targetGroups: [group.id], size: { class: size.id } });
      const script: [string, string][] = [
        ['neue Suche', texts.ask.needs],
        [need.short, texts.ask.targetGroups],
        [group.short, texts.ask.size],
        [size.short, summary],
      ];
      for (const [says, expected] of script) {
        const sent = performance.now();
        try {
          const replies = await user.say(says);
          latencies.push(performance.now() - sent);
          report.turns += 1;
          const text = replies.map((reply) => reply.text ?? '').join('\n');
          if (replies.length === 0) report.lost += 1;
          else if (!text.includes(expected)) report.mixedUp += 1;
        } catch {
          report.errors += 1;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: options.conversations }, (_unused, number) => converse(number)));

  latencies.sort((a, b) => a - b);
  const at = (share: number) => latencies[Math.min(latencies.length - 1, Math.floor(share * latencies.length))] ?? 0;
  return { ...report, p50Ms: at(0.5), p99Ms: at(0.99), durationMs: performance.now() - started };
}
