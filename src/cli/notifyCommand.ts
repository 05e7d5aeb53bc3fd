import { createHash } from 'node:crypto';
import type { Notifier } from '../notifications/notifier.js';
import { notifyTexts } from '../texts/cli.js';

/** Operators see which user gets what, not who the user is. */
const pseudonym = (user: string) => createHash('sha256').update(user).digest('hex').slice(0, 8);

/**
 * `notify --dry-run`: what the bot would send today, without sending or claiming anything. Sending
 * itself is the running bot's job: only it holds the connection to the channels.
 */
export async function notifyCommand(
  args: string[],
  deps: { notifier: Pick<Notifier, 'plan'>; today: string; out: (text: string) => void; err: (text: string) => void },
): Promise<number> {
  const unexpected = args.find((arg) => arg !== '--dry-run');
  if (unexpected !== undefined) {
    deps.err(notifyTexts.badArgument(unexpected));
    return 2;
  }
  if (!args.includes('--dry-run')) {
    deps.err(notifyTexts.onlyDryRun);
    return 2;
  }
  const { planned, unreadable } = await deps.notifier.plan();
  deps.out(notifyTexts.heading(deps.today, planned.length));
  for (const { user, notification, activity } of planned) {
    deps.out(
      `\n${notifyTexts.entry(pseudonym(user), notification.kind, notification.programme.id)}\n  ${(activity.text ?? '').replace(/\n+/g, '\n  ')}`,
    );
  }
  for (const { user, error } of unreadable)
    deps.err(notifyTexts.unreadable(pseudonym(user), error instanceof Error ? error.message : String(error)));
  return unreadable.length > 0 ? 1 : 0;
}
