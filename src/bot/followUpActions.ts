import { type Activity, CardFactory, MessageFactory, type StatePropertyAccessor, TurnContext } from 'botbuilder';
import { choiceMessage } from '../../dialogs/choiceMessage.js';
import { parseSearchState } from '../domain/searchState.js';
import { type CardAction, CardActionSchema } from '../cards/cardActions.js';
import { savedSearchesCard } from '../cards/followUpCards.js';
import { programmeCard } from '../cards/programmeCard.js';
import type { DemandEvent } from '../domain/demand.js';
import { type FollowUpCommand, detectFollowUpCommand, readYesNo } from '../domain/commands.js';
import { parseFeedbackOffers, takeVote } from '../domain/feedbackOffers.js';
import {
  type FollowUpRecord,
  SAVED_SEARCHES_MAX,
  WATCHLIST_MAX,
  byDeadline,
  firstReminder,
  removeSearch,
  saveSearch,
  setNotifications,
  unwatch,
  watch,
} from '../domain/followUps.js';
import { hitOf } from '../domain/matcher.js';
import type { Programme } from '../domain/programme.js';
import type { Profile } from '../domain/taxonomy.js';
import type { Logger } from '../common/logger.js';
import { FollowUpStore, type StoredReference, storedReference } from '../storage/followUpStore.js';
import { followUpTexts, texts } from '../texts/chat.js';
import { profileText } from '../texts/labels.js';

/** A card on a phone shows one programme; ten in a row are as many as anyone swipes through. */
const WATCHLIST_CARDS_MAX = 10;

export type FollowUpOutcome = 'notMine' | 'answered' | 'asks';

export type FollowUpRequest = CardAction | { action: FollowUpCommand | 'forgetConfirmed' | 'forgetDeclined' };

export interface FollowUpDependencies {
  store: FollowUpStore;
  programmes: () => readonly Programme[];
  today: () => string;
  reminderDays: readonly number[];
  demand: { record(event: DemandEvent): void };
  searchState: Pick<StatePropertyAccessor<unknown>, 'get'>;
  /** The searches this user may rate (see domain/feedbackOffers). */
  feedbackOffers: Pick<StatePropertyAccessor<unknown>, 'get' | 'set'>;
  /** Set while „Meine Daten löschen“ waits for its „Ja“. */
  forgetAsked: StatePropertyAccessor<boolean>;
  /** Deletes what is kept of this user in this conversation: the running search, the open question. */
  forgetConversation: (context: TurnContext) => Promise<void>;
  logger: Pick<Logger, 'error'>;
}

/** A card button of the follow-ups, or one of their commands; null for anything the search should read. */
export function readFollowUpRequest(activity: Pick<Activity, 'value' | 'text'>): FollowUpRequest | null {
  const button = CardActionSchema.safeParse(activity.value);
  if (button.success) return button.data;
  const command = typeof activity.text === 'string' ? detectFollowUpCommand(activity.text) : null;
  return command === null ? null : { action: command };
}

const isPersonal = (reference: StoredReference | undefined) => (reference?.conversation?.conversationType ?? 'personal') === 'personal';

/**
 * Where notifications go: the conversation of the latest follow-up, except that a personal chat is
 * not given up for a group chat or channel, where a reminder would reach all colleagues.
 */
function laterReference(kept: StoredReference | undefined, latest: StoredReference | undefined): StoredReference | undefined {
  if (latest === undefined) return kept;
  return kept !== undefined && isPersonal(kept) && !isPersonal(latest) ? kept : latest;
}

/**
 * Merkliste, saved searches, the notification switch and feedback: handled in any turn without
 * touching the search dialog, which stays at its question. Each change also keeps the conversation
 * reference, so that reminders reach the user where they last used the bot.
 */
export class FollowUpActions {
  constructor(private readonly deps: FollowUpDependencies) {}

  /**
   * Handles the message when it is a follow-up: 'answered', or 'asks' when the answer is a question
   * of its own („Wirklich löschen?“); 'notMine' leaves the message to the search.
   */
  async handle(context: TurnContext): Promise<FollowUpOutcome> {
    const user = FollowUpStore.userOf(context.activity);
    if (user === null) return 'notMine';
    const request = (await this.confirmation(context)) ?? readFollowUpRequest(context.activity);
    if (request === null) return 'notMine';
    try {
      await this.run(context, user, request);
    } catch (error) {
      this.deps.logger.error({ err: error, conversationId: context.activity.conversation?.id, action: request.action }, 'follow-up failed');
      await context.sendActivity(followUpTexts.failed);
      return 'answered';
    }
    return request.action === 'forgetMe' ? 'asks' : 'answered';
  }

  /**
   * The answer to „Wirklich löschen?“: only a clear „Ja“ deletes. Anything else keeps everything and
   * says so; a message that is no answer at all is then read as usual.
   */
  private async confirmation(context: TurnContext): Promise<FollowUpRequest | null> {
    if (!(await this.deps.forgetAsked.get(context, false))) return null;
    await this.deps.forgetAsked.delete(context);
    const answer = typeof context.activity.text === 'string' ? readYesNo(context.activity.text, 'forget') : null;
    if (answer !== null) return { action: answer ? 'forgetConfirmed' : 'forgetDeclined' };
    await context.sendActivity(followUpTexts.forgetDeclined);
    return null;
  }

  private async run(context: TurnContext, user: string, request: FollowUpRequest): Promise<void> {
    const today = this.deps.today();
    switch (request.action) {
      case 'watch':
        return this.watch(context, user, request.programmeId, today);
      case 'unwatch': {
        const title = this.programme(request.programmeId)?.title;
        const removed = await this.change(context, user, (record) => {
          const changed = unwatch(record, request.programmeId);
          return [changed.record, changed.removed];
        });
        await context.sendActivity(removed ? followUpTexts.unwatched(title ?? request.programmeId) : followUpTexts.notWatched);
        return;
      }
      case 'watchlist':
        return this.showWatchlist(context, user, today);
      case 'saveSearch':
        return this.saveSearch(context, user, today);
      case 'removeSearch': {
        const removed = await this.change(context, user, (record) => {
          const changed = removeSearch(record, request.searchId);
          return [changed.record, changed.removed];
        });
        await context.sendActivity(removed ? followUpTexts.searchRemoved : followUpTexts.searchNotFound);
        return;
      }
      case 'forgetMe':
        await this.deps.forgetAsked.set(context, true);
        await context.sendActivity(choiceMessage(context, followUpTexts.forgetConfirm, [texts.yes, texts.no]));
        return;
      case 'forgetConfirmed': {
        const removed = await this.deps.store.remove(user);
        await this.deps.forgetConversation(context);
        await context.sendActivity(removed ? followUpTexts.forgotten : followUpTexts.nothingToForget);
        return;
      }
      case 'forgetDeclined':
        await context.sendActivity(followUpTexts.forgetDeclined);
        return;
      case 'notificationsOn':
      case 'notificationsOff': {
        const on = request.action === 'notificationsOn';
        await this.change(context, user, (record) => [setNotifications(record, on), on]);
        await context.sendActivity(on ? followUpTexts.notificationsOn : followUpTexts.notificationsOff);
        return;
      }
      case 'feedback': {
        // One vote per search the bot showed: a second tap, or a made-up search, is thanked but not counted.
        const { offers, search } = takeVote(parseFeedbackOffers(await this.deps.feedbackOffers.get(context)), request.searchId);
        if (search !== null) {
          await this.deps.feedbackOffers.set(context, offers);
          this.deps.demand.record({
            kind: 'feedback',
            date: today,
            helpful: request.helpful,
            ...(request.comment === undefined ? {} : { comment: request.comment }),
            ...search,
          });
        }
        await context.sendActivity(followUpTexts.thanks);
        return;
      }
    }
  }

  private async watch(context: TurnContext, user: string, programmeId: string, today: string): Promise<void> {
    const programme = this.programme(programmeId);
    if (programme === undefined) {
      await context.sendActivity(followUpTexts.unknownProgramme);
      return;
    }
    const outcome = await this.change(context, user, (record) => {
      const watched = watch(record, programme, today, this.deps.reminderDays);
      return [watched.record, watched.outcome];
    });
    if (outcome === 'added') this.deps.demand.record({ kind: 'watch', date: today, programmeId });
    await context.sendActivity(
      outcome === 'added'
        ? followUpTexts.watched(programme.title, firstReminder(programme, today, this.deps.reminderDays))
        : outcome === 'already'
          ? followUpTexts.alreadyWatched(programme.title)
          : followUpTexts.watchlistFull(WATCHLIST_MAX),
    );
  }

  private async saveSearch(context: TurnContext, user: string, today: string): Promise<void> {
    const profile = await this.currentProfile(context);
    if (profile.needs.length === 0 && profile.targetGroups.length === 0) {
      await context.sendActivity(followUpTexts.nothingToSave);
      return;
    }
    const outcome = await this.change(context, user, (record) => {
      const saved = saveSearch(record, profile, this.deps.programmes(), today);
      return [saved.record, saved.outcome];
    });
    const text = profileText(profile);
    await context.sendActivity(
      outcome === 'saved'
        ? followUpTexts.searchSaved(text)
        : outcome === 'already'
          ? followUpTexts.searchAlreadySaved(text)
          : followUpTexts.searchesFull(SAVED_SEARCHES_MAX),
    );
  }

  private async showWatchlist(context: TurnContext, user: string, today: string): Promise<void> {
    const document = await this.deps.store.read(user);
    const record = document?.record;
    const watched = (record?.watchlist ?? []).map((entry) => this.programme(entry.programmeId));
    const known = watched.filter((programme) => programme !== undefined).sort(byDeadline(today));
    const missing = watched.length - known.length;

    if (known.length === 0) {
      await context.sendActivity(
        [followUpTexts.watchlistEmpty, ...(missing > 0 ? [followUpTexts.missingFromCatalogue(missing)] : [])].join('\n\n'),
      );
    } else {
      const shown = known.slice(0, WATCHLIST_CARDS_MAX);
      const intro = [
        followUpTexts.watchlistIntro(known.length, shown.length),
        ...(missing > 0 ? [followUpTexts.missingFromCatalogue(missing)] : []),
      ].join('\n\n');
      await context.sendActivity(
        MessageFactory.carousel(
          shown.map((programme) => CardFactory.adaptiveCard(programmeCard(hitOf(programme, today), 'unwatch'))),
          intro,
        ),
      );
    }

    const searches = (record?.savedSearches ?? []).map((search) => ({ id: search.id, text: profileText(search.profile) }));
    const notifications = followUpTexts.notificationsState(record?.notificationsOn ?? true);
    await context.sendActivity(
      searches.length === 0
        ? notifications
        : MessageFactory.attachment(
            CardFactory.adaptiveCard(savedSearchesCard(followUpTexts.savedSearchesTitle, searches, followUpTexts.removeSearch)),
            notifications,
          ),
    );
  }

  /** Applies a change to the user's follow-ups and keeps the conversation to write to later. */
  private async change<R>(context: TurnContext, user: string, apply: (record: FollowUpRecord) => [FollowUpRecord, R]): Promise<R> {
    let result: R | undefined;
    const reference = storedReference(TurnContext.getConversationReference(context.activity));
    await this.deps.store.update(user, (document) => {
      const [record, outcome] = apply(document.record);
      result = outcome;
      return { record, reference: laterReference(document.reference, reference) };
    });
    // update() runs `apply` at least once before it returns.
    return result as R;
  }

  private programme(id: string): Programme | undefined {
    return this.deps.programmes().find((programme) => programme.id === id);
  }

  private async currentProfile(context: TurnContext): Promise<Profile> {
    return parseSearchState(await this.deps.searchState.get(context)).profile;
  }
}
