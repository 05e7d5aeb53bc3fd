import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { CardFactory, MessageFactory, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import {
  type DialogContext,
  type DialogTurnResult,
  DialogTurnStatus,
  type PromptOptions,
  WaterfallDialog,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { programmeCard } from '../src/cards/programmeCard.js';
import { feedbackCard } from '../src/cards/followUpCards.js';
import { COMMENT_MAX, type SearchEvent } from '../src/domain/demand.js';
import { offer, parseFeedbackOffers } from '../src/domain/feedbackOffers.js';
import { match, rankedHits } from '../src/domain/matcher.js';
import { readResultsCommand } from '../src/domain/commands.js';
import { fold } from '../src/domain/text.js';
import { type Programme, successorOf } from '../src/domain/programme.js';
import { type Recognition, recognize, saysAnything } from '../src/domain/recognizer.js';
import type { PlaceIndex } from '../src/domain/places.js';
import { type Municipality, NEEDS, type Profile, SIZE_CLASSES, SLOTS, type Slot, TARGET_GROUPS } from '../src/domain/taxonomy.js';
import { exportTexts } from '../src/texts/export.js';
import { followUpTexts, texts } from '../src/texts/chat.js';
import { escapeMarkdown } from '../src/texts/format.js';
import { InterruptibleDialog } from './InterruptibleDialog.js';
import { type LeadingPromptOptions, RecognizerPrompt } from './RecognizerPrompt.js';
import {
  type SearchState,
  absorb,
  backToShown,
  dismissGuesses,
  forget,
  newSearchState,
  nextQuestion,
  noteShown,
  parseSearchState,
  profileChange,
  settle,
} from '../src/domain/searchState.js';

export const SEARCH_DIALOG = 'searchDialog';
const STEPS = 'searchSteps';
const NEXT_PROMPT = 'nextActionPrompt';
/** Closed programmes named after the results: enough to inform, few enough to read on a phone. */
const CLOSED_NOTE_MAX = 3;
const SLOT_PROMPTS: Record<Slot, string> = { needs: 'needsPrompt', targetGroups: 'targetGroupsPrompt', size: 'sizePrompt' };
/** Asking back about a guess: here "Nichts davon" is an answer too. */
const CLARIFY_PROMPTS: Record<Slot, string> = {
  needs: 'needsClarifyPrompt',
  targetGroups: 'targetGroupsClarifyPrompt',
  size: 'sizeClarifyPrompt',
};
const SLOT_CHOICES: Record<Slot, readonly { id: string; short: string }[]> = {
  needs: NEEDS,
  targetGroups: TARGET_GROUPS,
  size: SIZE_CLASSES,
};

export interface SearchDialogDependencies {
  /** The programmes as currently loaded. */
  programmes: () => readonly Programme[];
  /** Today's date (YYYY-MM-DD) in the users' time zone. */
  today: () => string;
  resultsPerPage: number;
  searchState: Pick<StatePropertyAccessor<unknown>, 'get' | 'set' | 'delete'>;
  /** Where each search's profile and number of open programmes go for the demand report. */
  demand: { record(event: SearchEvent): void };
  /** The searches this user may rate (see domain/feedbackOffers). */
  feedbackOffers: Pick<StatePropertyAccessor<unknown>, 'get' | 'set'>;
  /** The NRW municipalities, for reading their names. */
  places: PlaceIndex;
  /** The municipality of the user's last search, kept across searches and conversations. */
  municipalities: {
    recall(context: TurnContext): Promise<Municipality | null>;
    remember(context: TurnContext, municipality: Municipality): Promise<void>;
  };
  /** The result list as Word and CSV, and the tab with the same search, for a profile in a channel. */
  shareLinks: (profile: Profile, channelId: string | undefined) => { word: string; csv: string; tab: string } | null;
}

/**
 * Options when the search starts: whether the message that started it is read as its first answer
 * (it may already say everything). The message is read from the turn, never kept in the state.
 */
export interface SearchOptions {
  readMessage?: boolean;
}

/**
 * What the steps get when they go round again: what the last reply changed, to be said back first;
 * or that the results are shown again ("zurück"), which is no new search to count or rate.
 */
interface AskOptions extends SearchOptions {
  understood?: string;
  revisit?: boolean;
  /** The results on screen still hold: only their question is asked again. */
  unchanged?: boolean;
}

/** Says back what a reply changed, when anything did. */
const understoodBetween = (before: SearchState, after: SearchState): AskOptions => {
  const change = profileChange(before.profile, after.profile);
  return change === null ? {} : { understood: texts.understood(change) };
};

type NextAction = { kind: 'more' } | { kind: 'change'; slot: Slot } | { kind: 'update'; recognition: Recognition };

/** A reply to a question: what it said, that none of the offered guesses was meant, or yes to the one offered. */
type SlotAnswer =
  { kind: 'answer'; recognition: Recognition } | { kind: 'noneOfThese' } | { kind: 'yes'; recognition?: Recognition } | { kind: 'town' };

const NONE_OF_THESE = /^(?:nichts davon|keins? davon|keine davon|keine?s?|weder noch|nichts|nein|andere kommune|eine andere( kommune)?)$/;
/** "die Stadt" when asked "Stadt Gütersloh oder Kreis Gütersloh?". */
const THE_TOWN = /^(?:die |der )?(?:stadt|gemeinde)(?: bitte)?$/;
/** "Ja", "ja, für Gütersloh": yes to the municipality offered. */
const YES_FOR = /^(?:ja|genau|richtig|stimmt)\b/;

const namesOtherMunicipality = (recognition: Recognition, offered: Municipality) => {
  const named = recognition.municipality === null ? recognition.unsure.municipalities : [recognition.municipality];
  return named.length > 0 && !named.some((municipality) => municipality.ags === offered.ags);
};

/** "Kreis" or "die Stadt" as the answer to "Stadt Gütersloh oder Kreis Gütersloh?". */
function choiceByKind(choices: readonly Municipality[], answer: SlotAnswer): Municipality | undefined {
  const saysKreis =
    answer.kind === 'answer' &&
    answer.recognition.municipality === null &&
    (answer.recognition.kind === 'kreis' || answer.recognition.size?.class === 'kreis');
  if (!saysKreis && answer.kind !== 'town') return undefined;
  const fitting = choices.filter((choice) => (choice.kind === 'kreis') === saysKreis);
  return fitting.length === 1 ? fitting[0] : undefined;
}

const hasGuesses = (recognition: Recognition) => recognition.unsure.needs.length > 0 || recognition.unsure.targetGroups.length > 0;

/** Any reply that says something about the search counts, even if it answers another question than asked. */
export function readSlotAnswer(slot: Slot, text: string, places: PlaceIndex): SlotAnswer | null {
  const recognition = recognize(text, slot, places);
  return saysAnything(recognition) || hasGuesses(recognition) ? { kind: 'answer', recognition } : null;
}

/** Reads the reply after the results: a button, a "… ändern", or simply a new answer such as "eher Wohnen". */
export function readNextAction(text: string, places: PlaceIndex): NextAction | null {
  const command = readResultsCommand(text);
  if (command !== null) return command;
  const recognition = recognize(text, undefined, places);
  if (saysAnything(recognition) || hasGuesses(recognition)) return { kind: 'update', recognition };
  // A number alone ("ca. 45 Tsd.") can only be the size here; a small one has picked a button before.
  const asSize = recognize(text, 'size', places);
  return asSize.size !== null ? { kind: 'update', recognition: asSize } : null;
}

/** Asks for need, target group and size, one at a time, skipping what is known; then shows the programmes. */
export class SearchDialog extends InterruptibleDialog {
  constructor(private readonly deps: SearchDialogDependencies) {
    super(SEARCH_DIALOG);
    const { places } = deps;
    for (const slot of Object.keys(SLOT_PROMPTS) as Slot[]) {
      this.addDialog(new RecognizerPrompt(SLOT_PROMPTS[slot], (text) => readSlotAnswer(slot, text, places)));
      this.addDialog(
        new RecognizerPrompt(CLARIFY_PROMPTS[slot], (text): SlotAnswer | null => {
          const folded = fold(text);
          if (NONE_OF_THESE.test(folded)) return { kind: 'noneOfThese' };
          // Only the offer of the last search's municipality is a yes-or-no question of the size slot.
          if (slot === 'size' && YES_FOR.test(folded)) return { kind: 'yes', recognition: recognize(text, slot, places) };
          if (slot === 'size' && THE_TOWN.test(folded)) return { kind: 'town' };
          return readSlotAnswer(slot, text, places);
        }),
      );
    }
    this.addDialog(new RecognizerPrompt(NEXT_PROMPT, (text) => readNextAction(text, places)));
    this.addDialog(
      new WaterfallDialog(STEPS, [
        this.askStep.bind(this),
        this.takeAnswerStep.bind(this),
        this.showResultsStep.bind(this),
        this.followUpStep.bind(this),
      ]),
    );
    this.initialDialogId = STEPS;
  }

  /**
   * Every search starts fresh; one that starts with a sentence takes from it whatever it already
   * says. The municipality of the user's last search is offered when the sentence names none.
   */
  protected override async onBeginDialog(innerDc: DialogContext, options?: SearchOptions): Promise<DialogTurnResult> {
    const { context } = innerDc;
    const fresh = await this.freshState(context);
    const message = context.activity.text;
    const recognition = options?.readMessage === true && message !== undefined ? recognize(message, undefined, this.deps.places) : null;
    if (recognition === null) {
      await this.save(context, fresh);
      return super.onBeginDialog(innerDc, options);
    }
    await this.noteOutsideNrw(context, recognition);
    const state = absorb(fresh, recognition);
    await this.save(context, state);
    return super.onBeginDialog(innerDc, { ...options, ...understoodBetween(fresh, state) });
  }

  /** A new search, offering the municipality of the user's last one. */
  private async freshState(context: TurnContext): Promise<SearchState> {
    return { ...newSearchState(), suggested: await this.deps.municipalities.recall(context) };
  }

  /** A municipality outside NRW is said to be outside, once, where it was named. */
  private async noteOutsideNrw(context: TurnContext, recognition: Recognition): Promise<void> {
    if (recognition.outsideNrw !== null && recognition.municipality === null)
      await context.sendActivity(texts.outsideNrw(recognition.outsideNrw));
  }

  /** Asks the next open question, one at a time: first a guess to confirm, then what is still missing. */
  private async askStep(step: WaterfallStepContext<AskOptions>): Promise<DialogTurnResult> {
    const question = nextQuestion(await this.load(step.context));
    if (question === null) return step.next();
    const ask = (promptId: string, options: PromptOptions) => {
      const leading: LeadingPromptOptions = { ...options, lead: step.options.understood };
      return step.prompt(promptId, leading);
    };
    if ('suggested' in question) {
      const { name } = question.suggested;
      return ask(CLARIFY_PROMPTS.size, {
        prompt: texts.sameMunicipality(name),
        retryPrompt: texts.ask.size,
        choices: [texts.yesFor(name), texts.otherMunicipality],
      });
    }
    if ('municipalities' in question) {
      const labels = question.municipalities.map(municipalityLabel);
      return ask(CLARIFY_PROMPTS.size, {
        prompt: texts.whichMunicipality(labels),
        retryPrompt: texts.whichMunicipality(labels),
        choices: labels,
      });
    }
    const { slot, guesses } = question;
    if (guesses.length > 0) {
      const labels = SLOT_CHOICES[slot].filter((choice) => guesses.includes(choice.id)).map((choice) => choice.short);
      // With one guess the question is yes or no; "ja" then means that guess.
      const offered = labels.map((label) => ({ value: label, synonyms: labels.length === 1 ? [...texts.yesWords] : [] }));
      return ask(CLARIFY_PROMPTS[slot], {
        prompt: texts.clarify(slot, labels),
        retryPrompt: texts.clarify(slot, labels),
        choices: [...offered, texts.noneOfThese],
      });
    }
    return ask(SLOT_PROMPTS[slot], {
      prompt: texts.ask[slot],
      retryPrompt: texts.retry[slot],
      choices: SLOT_CHOICES[slot].map((choice) => choice.short),
    });
  }

  /** Takes in the answer; while anything is open, the questions go round again. */
  private async takeAnswerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const before = await this.load(step.context);
    let state = before;
    const answer = step.result as SlotAnswer | undefined;
    const asked = nextQuestion(state);
    const chosen =
      asked !== null && 'municipalities' in asked && answer !== undefined ? choiceByKind(asked.municipalities, answer) : undefined;
    if (chosen !== undefined) state = settle(state, chosen);
    else if (answer?.kind === 'answer') {
      await this.noteOutsideNrw(step.context, answer.recognition);
      state = absorb(state, answer.recognition);
    } else if (answer?.kind === 'yes' && asked !== null && 'suggested' in asked) {
      // "Ja, für Köln" when Bonn was offered: the name said wins.
      const named = answer.recognition;
      const other = named !== undefined && namesOtherMunicipality(named, asked.suggested);
      state = other ? absorb(state, named) : settle(state, asked.suggested);
    } else if ((answer?.kind === 'noneOfThese' || answer?.kind === 'yes') && asked !== null) state = dismissGuesses(state, asked.slot);
    await this.save(step.context, state);
    return nextQuestion(state) === null ? step.next() : step.replaceDialog(STEPS, understoodBetween(before, state));
  }

  /** Says what was searched for and shows one page of programme cards, then offers what to do next. */
  private async showResultsStep(step: WaterfallStepContext<AskOptions>): Promise<DialogTurnResult> {
    const state = noteShown(await this.load(step.context));
    await this.save(step.context, state);
    const counts = state.page === 0 && step.options.revisit !== true;
    const programmes = this.deps.programmes();
    const result = match(state.profile, programmes, this.deps.today());
    const hits = rankedHits(result);
    const perPage = this.deps.resultsPerPage;
    const from = state.page * perPage;
    const page = hits.slice(from, from + perPage);

    const lines = [texts.searchingFor(state.profile)];
    if (hits.length === 0) lines.push(texts.nothingAtAll);
    else if (result.exact.length === 0) lines.push(texts.noExactMatch);
    else lines.push(texts.resultsCount(page.length, hits.length, from + 1));
    // Route first: when the first hit is not the municipality's own, none is; that is said plainly.
    if (state.page === 0 && hits.length > 0 && hits.slice(0, 1)[0]?.access !== 'direct') lines.push(texts.noneToApplyItself);
    const isLastPage = from + perPage >= hits.length;
    // Teams shows six buttons at most: these are six with "Weitere Ergebnisse".
    const choices = [
      ...(isLastPage ? [] : [texts.next.more]),
      texts.next.changeNeeds,
      texts.next.changeTargetGroups,
      texts.next.changeSize,
      texts.next.save,
      texts.next.restart,
    ];
    const next: LeadingPromptOptions = { prompt: texts.nextPrompt, retryPrompt: texts.nextRetry, choices };
    // Nothing changed ("mehr" on the last page, an answer already given): the cards stay as they are.
    if (step.options.unchanged === true) return step.prompt(NEXT_PROMPT, next);
    let closedNote: string | undefined;
    if (isLastPage && result.ended.length > 0) {
      const closed = result.ended.slice(0, CLOSED_NOTE_MAX).map(({ programme }) => ({
        title: escapeMarkdown(programme.title),
        deadline: programme.deadline,
        successor: mapDefined(successorOf(programme, programmes)?.title, escapeMarkdown),
      }));
      closedNote = texts.closedNote(closed, result.ended.length - closed.length);
      // Above the cards it would read as if it described them: it follows them, unless there are none.
      if (page.length === 0) lines.push(closedNote);
    }

    // The list goes with the search to a council paper or the Kreis; the links carry the search, nothing is stored.
    if (hits.length > 0 && state.page === 0) {
      const links = this.deps.shareLinks(state.profile, step.context.activity.channelId);
      if (links !== null) lines.splice(1, 0, `${exportTexts.chatLinks(links.word, links.csv)} · ${exportTexts.openInTab(links.tab)}`);
    }
    const cards = page.map((hit) => CardFactory.adaptiveCard(programmeCard(hit)));
    // A search counts once, with its first page; the feedback card comes at the end of that page.
    if (counts) {
      const { profile } = state;
      this.deps.demand.record({
        kind: 'search',
        date: this.deps.today(),
        needs: profile.needs,
        targetGroups: profile.targetGroups,
        sizeClass: profile.size?.class ?? null,
        openHits: result.exact.length,
      });
      // The message that led to these results names the search: unique in the conversation, and stable when a turn reruns.
      const searchId = (step.context.activity.id ?? randomUUID()).slice(0, 100);
      const search = { needs: profile.needs, targetGroups: profile.targetGroups, sizeClass: profile.size?.class ?? null };
      await this.deps.feedbackOffers.set(
        step.context,
        offer(parseFeedbackOffers(await this.deps.feedbackOffers.get(step.context)), searchId, search),
      );
      cards.push(CardFactory.adaptiveCard(feedbackCard(followUpTexts.feedback, COMMENT_MAX, searchId)));
    }
    await step.context.sendActivity(MessageFactory.carousel(cards, lines.join('\n\n')));

    // The note on ended programmes follows the cards once; asked again after a side step, the question stands alone.
    if (closedNote !== undefined && page.length > 0) next.lead = closedNote;
    return step.prompt(NEXT_PROMPT, next);
  }

  /** More results, one answer changed, or a new answer: then the search runs again from the saved state. */
  private async followUpStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const action = step.result as NextAction;
    const state = await this.load(step.context);
    let options: AskOptions = {};
    switch (action.kind) {
      case 'more': {
        const hits = rankedHits(match(state.profile, this.deps.programmes(), this.deps.today()));
        if ((state.page + 1) * this.deps.resultsPerPage < hits.length) await this.save(step.context, { ...state, page: state.page + 1 });
        else {
          await step.context.sendActivity(texts.noMoreResults);
          options = { unchanged: true };
        }
        break;
      }
      case 'change':
        await this.save(step.context, forget(state, action.slot));
        break;
      case 'update': {
        await this.noteOutsideNrw(step.context, action.recognition);
        const updated = absorb(state, action.recognition);
        if (isDeepStrictEqual(updated.profile, state.profile) && nextQuestion(updated) === null) {
          // Said again what the search already is: no new search to count, the same cards stay.
          await step.context.sendActivity(texts.alreadySearching);
          options = { unchanged: true };
          break;
        }
        await this.save(step.context, updated);
        options = understoodBetween(state, updated);
        break;
      }
    }
    return step.replaceDialog(STEPS, options);
  }

  protected async help(innerDc: DialogContext): Promise<void> {
    const active = innerDc.activeDialog?.id;
    const slot = (Object.keys(SLOT_PROMPTS) as Slot[]).find(
      (candidate) => SLOT_PROMPTS[candidate] === active || CLARIFY_PROMPTS[candidate] === active,
    );
    await innerDc.context.sendActivity(
      slot !== undefined ? texts.help[slot] : active === NEXT_PROMPT ? texts.help.results : texts.help.general,
    );
  }

  protected async restart(innerDc: DialogContext): Promise<DialogTurnResult> {
    await this.save(innerDc.context, await this.freshState(innerDc.context));
    await innerDc.cancelAllDialogs();
    return innerDc.beginDialog(STEPS, {});
  }

  /** Back to the results shown before, when there are any; otherwise back to the last question answered. */
  protected async back(innerDc: DialogContext): Promise<DialogTurnResult> {
    const loaded = await this.load(innerDc.context);
    const atResults = innerDc.activeDialog?.id === NEXT_PROMPT;
    const returned = backToShown(loaded, atResults);
    if (returned !== null) {
      await this.save(innerDc.context, returned);
      await innerDc.cancelAllDialogs();
      return innerDc.beginDialog(STEPS, { revisit: true } satisfies AskOptions);
    }
    // Past the first results: they are left behind, so that the next "zurück" goes on backwards.
    const state = atResults ? { ...loaded, shown: [] } : loaded;
    // At a question, back means the question before it: the latest answer to a slot asked earlier.
    const asking = atResults ? undefined : nextQuestion(state)?.slot;
    const earlier = asking === undefined ? SLOTS : SLOTS.slice(0, SLOTS.indexOf(asking));
    const last = state.answered.filter((slot) => earlier.includes(slot)).at(-1);
    if (last === undefined) {
      await innerDc.context.sendActivity(texts.back.atStart);
      await innerDc.repromptDialog();
      return { status: DialogTurnStatus.waiting };
    }
    await this.save(innerDc.context, forget(state, last));
    await innerDc.cancelAllDialogs();
    return innerDc.beginDialog(STEPS, {});
  }

  protected async forget(innerDc: DialogContext): Promise<void> {
    await this.deps.searchState.delete(innerDc.context);
  }

  /** The search as stored; read through its schema once per stored object (a turn reads it several times). */
  private async load(context: TurnContext): Promise<SearchState> {
    const stored = await this.deps.searchState.get(context);
    const known = typeof stored === 'object' && stored !== null ? READ.get(stored) : undefined;
    if (known !== undefined) return known;
    const parsed = parseSearchState(stored);
    if (typeof stored === 'object' && stored !== null) READ.set(stored, parsed);
    return parsed;
  }

  /** Saves the search; a municipality named for the first time in it is kept for the user's next searches. */
  private async save(context: TurnContext, state: SearchState): Promise<void> {
    const before = (await this.load(context)).profile.municipality?.ags;
    READ.set(state, state);
    await this.deps.searchState.set(context, state);
    const named = state.profile.municipality;
    if (named != null && named.ags !== before) await this.deps.municipalities.remember(context, named);
  }
}

/** Stored search states and what they read as: states are replaced, never changed in place. */
const READ = new WeakMap<object, SearchState>();

/** How a municipality is offered as a choice: unmistakably ("Stadt Gütersloh" beside "Kreis Gütersloh"). */
const municipalityLabel = (municipality: Municipality) =>
  municipality.kind === 'kreis' ? municipality.name : `Stadt ${municipality.name}`;

const mapDefined = <T, U>(value: T | undefined, map: (value: T) => U): U | undefined => (value === undefined ? undefined : map(value));
