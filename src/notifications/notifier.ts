import { type Activity, CardFactory, MessageFactory } from 'botbuilder';
import { programmeCard } from '../cards/programmeCard.js';
import { type Notification, claim, planNotifications, release } from '../domain/followUps.js';
import { hitOf } from '../domain/matcher.js';
import { type Programme, dueDate, successorOf } from '../domain/programme.js';
import type { Profile } from '../domain/taxonomy.js';
import { httpStatusOf } from '../common/httpStatus.js';
import type { Logger } from '../common/logger.js';
import type { FollowUpStore, StoredReference } from '../storage/followUpStore.js';
import { followUpTexts } from '../texts/chat.js';
import { profileText } from '../texts/labels.js';

export interface NotifierDependencies {
  store: FollowUpStore;
  programmes: () => readonly Programme[];
  today: () => string;
  reminderDays: readonly number[];
  /** Sends one message into the stored conversation, without being asked (proactively). */
  send: (reference: StoredReference, activity: Partial<Activity>) => Promise<void>;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
}

export interface PlannedNotification {
  user: string;
  notification: Notification;
  activity: Partial<Activity>;
}

export interface NotifyPlan {
  planned: PlannedNotification[];
  /** Users whose stored follow-ups could not be read (the error says which document and why). */
  unreadable: { user: string; error: unknown }[];
}

export interface NotifyRun {
  users: number;
  sent: number;
  failed: number;
}

/** Answers of the Bot Connector that say the conversation cannot be written to any more. */
const CONVERSATION_GONE = new Set([403, 404]);

/** The message of one notification: a short German line and the programme's card. */
export function notificationMessage(notification: Notification, programmes: readonly Programme[], today: string): Partial<Activity> {
  const { programme } = notification;
  let text: string;
  let profile: Profile | undefined;
  switch (notification.kind) {
    case 'deadline':
      text = followUpTexts.notification.deadline(programme.title, notification.daysLeft, dueDate(programme.deadline, today) ?? today);
      break;
    case 'ended': {
      text = followUpTexts.notification.ended(programme.title, successorOf(programme, programmes)?.title);
      break;
    }
    case 'newMatch':
      text = followUpTexts.notification.newMatch(programme.title, profileText(notification.search.profile));
      profile = notification.search.profile;
      break;
    case 'changedMatch':
      text = followUpTexts.notification.changedMatch(programme.title, profileText(notification.search.profile));
      profile = notification.search.profile;
      break;
  }
  // A watched programme's card offers to drop it; a new one from a saved search offers to keep it.
  const button = profile === undefined ? 'unwatch' : 'watch';
  const card = CardFactory.adaptiveCard(programmeCard(hitOf(programme, today, profile), button));
  return MessageFactory.attachment(card, `${text}\n\n${followUpTexts.notification.footer}`);
}

/**
 * Sends what is due: deadline reminders, ended programmes, new or changed programmes for saved
 * searches. Each notification is claimed in the user's document (a conditional write) before it is
 * sent, so that two instances, or a restart, never send it twice; a failed send gives the claim back.
 */
export class Notifier {
  private timer: NodeJS.Timeout | undefined;
  /** Set by stop(): a pass under way finishes the user it is at and starts no other. */
  private stopping = false;
  /** Counts start() calls: a tick of an earlier start does not arm the timer again. */
  private generation = 0;
  private running: Promise<NotifyRun> | undefined;

  constructor(private readonly deps: NotifierDependencies) {}

  /** What a run would send now, without sending or claiming anything. */
  async plan(): Promise<NotifyPlan> {
    const today = this.deps.today();
    const programmes = this.deps.programmes();
    const result: NotifyPlan = { planned: [], unreadable: [] };
    for (const user of await this.deps.store.users()) {
      let document;
      try {
        document = await this.deps.store.read(user);
      } catch (error) {
        result.unreadable.push({ user, error });
        continue;
      }
      if (document?.reference === undefined) continue;
      for (const notification of planNotifications(document.record, programmes, today, this.deps.reminderDays)) {
        result.planned.push({ user, notification, activity: notificationMessage(notification, programmes, today) });
      }
    }
    return result;
  }

  /** One pass over all users; a pass already under way is joined rather than run twice. */
  run(): Promise<NotifyRun> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Runs now and then every `intervalMs`; the timer never keeps the process alive. */
  start(intervalMs: number): void {
    if (this.timer !== undefined || intervalMs <= 0) return;
    this.stopping = false;
    const generation = ++this.generation;
    const tick = () => {
      this.run()
        .catch((error: unknown) => this.deps.logger.error({ err: error }, 'notification run failed'))
        .finally(() => {
          if (this.timer !== undefined && generation === this.generation) this.timer = setTimeout(tick, intervalMs).unref();
        });
    };
    this.timer = setTimeout(tick, 0).unref();
  }

  /** Stops the timer and waits for a pass under way. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  private async pass(): Promise<NotifyRun> {
    const today = this.deps.today();
    const totals: NotifyRun = { users: 0, sent: 0, failed: 0 };
    for (const user of await this.deps.store.users()) {
      if (this.stopping) break;
      totals.users += 1;
      try {
        const outcome = await this.notifyUser(user, today);
        totals.sent += outcome.sent;
        totals.failed += outcome.failed;
      } catch (error) {
        totals.failed += 1;
        this.deps.logger.error({ err: error }, 'notifications for one user failed; the others go on');
      }
    }
    if (totals.sent > 0 || totals.failed > 0) this.deps.logger.info(totals, 'notifications sent');
    return totals;
  }

  private async notifyUser(user: string, today: string): Promise<{ sent: number; failed: number }> {
    let claimed: Notification[] = [];
    let reference: StoredReference | undefined;
    // Planned again on whatever is stored now: after a conflict, the other instance's claims count.
    const document = await this.deps.store.update(user, (current) => {
      claimed =
        current.reference === undefined ? [] : planNotifications(current.record, this.deps.programmes(), today, this.deps.reminderDays);
      reference = current.reference;
      return claimed.length === 0 ? null : { ...current, record: claim(current.record, claimed, today) };
    });
    if (document === null || reference === undefined) return { sent: 0, failed: 0 };

    const programmes = this.deps.programmes();
    let sent = 0;
    let failed = 0;
    for (const notification of claimed) {
      try {
        await this.deps.send(reference, notificationMessage(notification, programmes, today));
        sent += 1;
      } catch (error) {
        failed += 1;
        // The bot was removed from the chat, or the chat is gone: nothing is sent there until the user writes again.
        const status = httpStatusOf(error);
        const gone = status !== undefined && CONVERSATION_GONE.has(status);
        this.deps.logger.warn(
          { err: error, conversationId: reference.conversation?.id, kind: notification.kind, gone },
          gone
            ? 'conversation no longer reachable; notifications wait until the user writes again'
            : 'notification not delivered; it is tried again in the next run',
        );
        await this.deps.store
          .update(user, (current) => ({
            record: release(current.record, notification),
            ...(gone || current.reference === undefined ? {} : { reference: current.reference }),
          }))
          .catch((releaseError: unknown) =>
            this.deps.logger.error(
              { err: releaseError, kind: notification.kind },
              'could not give back a claimed notification; it will not be sent',
            ),
          );
      }
    }
    return { sent, failed };
  }
}
