import {
  type Activity,
  type AppBasedLinkQuery,
  type InvokeResponse,
  type BotState,
  CardFactory,
  Channels,
  type MessagingExtensionQuery,
  type MessagingExtensionResponse,
  type StatePropertyAccessor,
  TeamsActivityHandler,
  type TurnContext,
} from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { MainDialog } from '../../dialogs/MainDialog.js';
import type { FollowUpActions } from './followUpActions.js';
import { incomingText, mentionsBot } from './incomingText.js';
import type { ProgrammeLookup } from './programmeLookup.js';
import { KeyedQueue } from '../common/keyedQueue.js';
import { RateLimiter } from './rateLimiter.js';
import type { Logger } from '../common/logger.js';
import { texts } from '../texts/chat.js';
import { isUnreadable } from '../storage/listableStorage.js';
import { isETagConflict } from '../storage/readETagStorage.js';
import type { PlaceIndex } from '../domain/places.js';
import type { Programme } from '../domain/programme.js';
import type { Hit } from '../domain/matcher.js';
import { ADAPTIVE_CARD_CONTENT_TYPE, linkPreviewCard, programmeCard } from '../cards/programmeCard.js';
import { card, deadlineText } from '../texts/labels.js';
import { searchAnywhereTexts } from '../texts/searchAnywhere.js';
import { programmeForLink, searchAnywhere } from './searchAnywhere.js';

export interface BotDependencies {
  conversationState: BotState;
  dialogState: StatePropertyAccessor<DialogState>;
  mainDialog: MainDialog;
  /** Merkliste, saved searches, notifications and feedback: answered without touching the search. */
  followUps: Pick<FollowUpActions, 'handle'>;
  /** Cards for programmes a message names, e.g. an ended one and its successor. */
  lookup: Pick<ProgrammeLookup, 'handle'>;
  logger: Pick<Logger, 'warn'>;
  /** Messages one user may send at once, and how many a second after that. */
  floodLimit?: { burst: number; perSecond: number };
  /** What the search from anywhere in Teams reads: the catalogue, today and the municipalities. */
  catalogue: { programmes: () => readonly Programme[]; today: () => string; places: PlaceIndex };
}

export const DEFAULT_FLOOD_LIMIT = { burst: 10, perSecond: 1 };
/** Searches from the compose box come as the user types: more at once than messages, still bounded per user. */
const SEARCH_FLOOD_LIMIT = { burst: 30, perSecond: 5 };

/** Search and link previews from anywhere in Teams: answered at once, without a conversation or its state. */
const COMPOSE_INVOKES: ReadonlySet<string> = new Set([
  'composeExtension/query',
  'composeExtension/queryLink',
  'composeExtension/anonymousQueryLink',
]);
const isComposeInvoke = (activity: Activity) => activity.type === 'invoke' && COMPOSE_INVOKES.has(activity.name ?? '');

/** A result of the search from anywhere: the card that goes into the chat, and the preview the list shows. */
function resultAttachment(hit: Hit, forLink = false) {
  const cardJson = programmeCard(hit, 'none');
  return {
    contentType: ADAPTIVE_CARD_CONTENT_TYPE,
    content: forLink ? linkPreviewCard(cardJson) : cardJson,
    preview: CardFactory.thumbnailCard(hit.programme.title, [], [], {
      subtitle: hit.programme.funder,
      text: `${card.deadline} ${deadlineText(hit.programme.deadline, hit.daysLeft)}`,
    }),
  };
}

/** Set per search from the compose box: whether it is within its user's limit. */
const COMPOSE_ALLOWED = Symbol('the search from the compose box is within its limit');

const messageResult = (text: string): MessagingExtensionResponse => ({ composeExtension: { type: 'message', text } });

/** The turn's state is saved, but the channel did not take its replies (Teams down): the state stays as saved. */
export class RepliesNotDelivered extends Error {
  constructor(cause: unknown) {
    super('the channel did not accept the replies of a turn whose state is saved', { cause });
  }
}

/** How often a turn runs again on fresh state when another instance changed the state meanwhile. */
const CONFLICT_ATTEMPTS = 3;

/** Set in a turn that found the user's state unreadable: its every run starts with the note, as a run's replies may be discarded. */
const STARTS_AFRESH = Symbol('the state was unreadable and starts afresh');

/** The user's own state in the conversation (the key PrivateConversationState uses). */
const stateKey = (context: TurnContext) =>
  `${context.activity.channelId}/${context.activity.conversation?.id}/${context.activity.from?.id}`;

/**
 * Replies wait here until the turn's state is saved: when saving fails because the state changed
 * meanwhile, the turn runs again on fresh state and nobody has seen the replies of the stale run.
 */
class Outbox {
  private held: Partial<Activity>[] = [];
  holding = true;

  constructor(private readonly context: TurnContext) {
    context.onSendActivities(async (_context, activities, send) => {
      if (!this.holding) return send();
      this.held.push(...activities);
      return activities.map(() => ({ id: '' }));
    });
  }

  discard(): void {
    this.held = [];
  }

  async deliver(): Promise<void> {
    this.holding = false;
    const ready = this.held;
    this.held = [];
    if (ready.length > 0) await this.context.sendActivities(ready);
  }
}

/** Who joined, as far as the channel said it in the expected shape; anything else counts as nobody. */
const membersAdded = (activity: Activity): { id: string }[] =>
  Array.isArray(activity.membersAdded)
    ? activity.membersAdded.filter((member): member is { id: string; name: string } => typeof member?.id === 'string')
    : [];

/** Conversations with several people: Teams group chats and channels. */
const isShared = (context: TurnContext) => ['groupChat', 'channel'].includes(context.activity.conversation?.conversationType ?? '');

/** Routes each activity: messages to the dialogs, new members to the welcome; saves state after every turn. */
export class FoerderlotseBot extends TeamsActivityHandler {
  /** One user's turns run one after another in this process; the state of the one before is the start of the next. */
  private readonly turns = new KeyedQueue();
  /** Ten messages at once are fine; then one a second (Teams itself allows a bot 7 messages a second per conversation). */
  private readonly flood: RateLimiter;
  private readonly searchFlood = new RateLimiter(SEARCH_FLOOD_LIMIT.burst, SEARCH_FLOOD_LIMIT.perSecond);

  constructor(private readonly deps: BotDependencies) {
    super();
    const limit = deps.floodLimit ?? DEFAULT_FLOOD_LIMIT;
    this.flood = new RateLimiter(limit.burst, limit.perSecond);

    this.onMessage(async (context, next) => {
      // Among colleagues the bot speaks only when addressed; its own card buttons always count.
      if (isShared(context) && !mentionsBot(context.activity) && context.activity.value === undefined) return next();
      const incoming = incomingText(context.activity);
      context.activity.text = incoming.text;
      // What stood after the part the search reads is said to be unread, never dropped silently.
      if (incoming.cut) await context.sendActivity(texts.messageCut);
      if (await this.startsAfresh(context)) await context.sendActivity(texts.stateUnreadable);
      const followUp = await deps.followUps.handle(context);
      const sideStep = followUp !== 'notMine' ? followUp : (await deps.lookup.handle(context)) ? 'answered' : 'notMine';
      if (sideStep === 'notMine') await deps.mainDialog.run(context, deps.dialogState);
      // After a side step the user is back at the open question, with its buttons, unless the side step asked its own.
      else if (sideStep === 'answered') await deps.mainDialog.repromptOpen(context, deps.dialogState);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      const added = membersAdded(context.activity);
      if (context.activity.channelId === Channels.Msteams) {
        // Teams announces the bot's own installation; a colleague joining a team is no reason to speak.
        if (added.some((member) => member.id === botId)) await context.sendActivity(isShared(context) ? texts.welcomeTeam : texts.welcome);
      } else if (added.some((member) => member.id !== botId)) {
        await context.sendActivity(texts.welcome);
      }
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    const key = stateKey(context);
    if (isComposeInvoke(context.activity)) {
      context.turnState.set(COMPOSE_ALLOWED, this.searchFlood.take(key, true) === 'allow');
      await super.run(context);
      return;
    }
    // Every kind of activity counts: a flood of conversation updates costs as much as one of messages.
    const verdict = this.flood.take(key, context.activity.type === 'message');
    if (verdict !== 'allow') {
      // Said and logged once per flood, in answer to a message; the rest of it is dropped without a word.
      if (verdict === 'warn') {
        this.deps.logger.warn({ conversationId: context.activity.conversation?.id }, 'too many activities from one user; slowing down');
        await context.sendActivity(texts.slowDown);
      }
      return;
    }
    await this.turns.run(key, () => this.runAndSave(context));
  }

  /**
   * An invoke the SDK cannot read (a card action of another shape, a broken value) is answered as a
   * bad request: it must not end in the turn-error handler, which starts the user's search afresh.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    try {
      return await super.onInvokeActivity(context);
    } catch (error) {
      this.deps.logger.warn({ err: error, invoke: context.activity.name?.slice(0, 100) }, 'invoke not understood; answered 400');
      return { status: 400, body: { error: 'invalid_invoke', message: texts.invokeNotUnderstood } };
    }
  }

  protected override async handleTeamsMessagingExtensionQuery(
    context: TurnContext,
    query: MessagingExtensionQuery,
  ): Promise<MessagingExtensionResponse> {
    if (context.turnState.get(COMPOSE_ALLOWED) !== true) return messageResult(searchAnywhereTexts.busy);
    const { programmes, today, places } = this.deps.catalogue;
    const answer = searchAnywhere({ commandId: query?.commandId, parameters: query?.parameters }, programmes(), today(), places);
    if (answer.kind === 'message') return messageResult(answer.text);
    return { composeExtension: { type: 'result', attachmentLayout: 'list', attachments: answer.hits.map((hit) => resultAttachment(hit)) } };
  }

  protected override async handleTeamsAppBasedLinkQuery(
    context: TurnContext,
    query: AppBasedLinkQuery,
  ): Promise<MessagingExtensionResponse> {
    const { programmes, today } = this.deps.catalogue;
    const hit = context.turnState.get(COMPOSE_ALLOWED) === true ? programmeForLink(query?.url, programmes(), today()) : null;
    // No card for a page that is not a programme's: Teams then shows its usual preview.
    return {
      composeExtension: { type: 'result', attachmentLayout: 'list', attachments: hit === null ? [] : [resultAttachment(hit, true)] },
    };
  }

  protected override async handleTeamsAnonymousAppBasedLinkQuery(
    context: TurnContext,
    query: AppBasedLinkQuery,
  ): Promise<MessagingExtensionResponse> {
    return this.handleTeamsAppBasedLinkQuery(context, query);
  }

  /** Whether the storage could not read the user's state and set it aside: the turn then begins with a note. */
  private async startsAfresh(context: TurnContext): Promise<boolean> {
    if (isUnreadable(await this.deps.conversationState.load(context))) context.turnState.set(STARTS_AFRESH, true);
    return context.turnState.get(STARTS_AFRESH) === true;
  }

  /**
   * Another instance may have saved this user's state while the turn ran (an eTag conflict): the
   * turn then runs again on the fresh state. If it keeps happening, the user is asked to repeat.
   */
  private async runAndSave(context: TurnContext): Promise<void> {
    const outbox = new Outbox(context);
    for (let attempt = 1; ; attempt += 1) {
      try {
        await super.run(context);
        await this.deps.conversationState.saveChanges(context, false);
      } catch (error) {
        outbox.discard();
        if (!isETagConflict(error)) {
          outbox.holding = false;
          throw error;
        }
        this.deps.logger.warn(
          { conversationId: context.activity.conversation?.id, attempt },
          'state changed by another turn meanwhile; running the turn again on fresh state',
        );
        if (attempt >= CONFLICT_ATTEMPTS) {
          await outbox.deliver();
          await context.sendActivity(texts.pleaseRepeat);
          return;
        }
        await this.deps.conversationState.load(context, true);
        continue;
      }
      try {
        await outbox.deliver();
      } catch (error) {
        throw new RepliesNotDelivered(error);
      }
      return;
    }
  }
}
