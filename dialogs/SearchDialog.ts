import { CardFactory, MessageFactory, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { type DialogContext, type DialogTurnResult, DialogTurnStatus, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { programmeCard } from '../src/cards/programmeCard.js';
import { match, rankedHits } from '../src/domain/matcher.js';
import { normalize } from '../src/domain/normalize.js';
import type { Programme } from '../src/domain/programme.js';
import { type Recognition, recognize } from '../src/domain/recognizer.js';
import { NEEDS, SIZE_CLASSES, type Slot, TARGET_GROUPS, missingSlots } from '../src/domain/taxonomy.js';
import { texts } from '../src/texts/de.js';
import { InterruptibleDialog } from './InterruptibleDialog.js';
import { RecognizerPrompt } from './RecognizerPrompt.js';
import { type SearchState, absorb, forget, newSearchState, parseSearchState } from './searchState.js';

export const SEARCH_DIALOG = 'searchDialog';
const STEPS = 'searchSteps';
const NEXT_PROMPT = 'nextActionPrompt';
/** Closed programmes named after the results: enough to inform, few enough to read on a phone. */
const CLOSED_NOTE_MAX = 3;
const SLOT_PROMPTS: Record<Slot, string> = { needs: 'needsPrompt', targetGroups: 'targetGroupsPrompt', size: 'sizePrompt' };
const SLOT_CHOICES: Record<Slot, readonly { short: string }[]> = { needs: NEEDS, targetGroups: TARGET_GROUPS, size: SIZE_CLASSES };

export interface SearchDialogDependencies {
  /** The programmes as currently loaded. */
  programmes: () => readonly Programme[];
  /** Today's date (YYYY-MM-DD) in the users' time zone. */
  today: () => string;
  resultsPerPage: number;
  searchState: Pick<StatePropertyAccessor<unknown>, 'get' | 'set' | 'delete'>;
}

/** Options when the search starts: the message that started it, which may already say everything. */
export interface SearchOptions {
  text?: string;
}

type NextAction = { kind: 'more' } | { kind: 'change'; slot: Slot } | { kind: 'update'; recognition: Recognition };

/** Reads the reply after the results: a button, a "… ändern", or simply a new answer such as "eher Wohnen". */
export function readNextAction(text: string): NextAction | null {
  const folded = normalize(text);
  if (/\b(?:weitere|mehr|naechste|weiter)\b/.test(folded)) return { kind: 'more' };
  if (/\b(?:aendern|anders|andere|wechseln)\b/.test(folded)) {
    if (/handlungsfeld|bedarf|thema/.test(folded)) return { kind: 'change', slot: 'needs' };
    if (/zielgruppe/.test(folded)) return { kind: 'change', slot: 'targetGroups' };
    if (/groesse|einwohner|kommune/.test(folded)) return { kind: 'change', slot: 'size' };
  }
  const recognition = recognize(text);
  const saysSomething = recognition.needs.length > 0 || recognition.targetGroups.length > 0 || recognition.size !== null;
  return saysSomething ? { kind: 'update', recognition } : null;
}

/** Asks for need, target group and size, one at a time, skipping what is known; then shows the programmes. */
export class SearchDialog extends InterruptibleDialog {
  constructor(private readonly deps: SearchDialogDependencies) {
    super(SEARCH_DIALOG);
    for (const slot of Object.keys(SLOT_PROMPTS) as Slot[]) {
      this.addDialog(new RecognizerPrompt(SLOT_PROMPTS[slot], (text) => recognizedFor(slot, recognize(text, slot))));
    }
    this.addDialog(new RecognizerPrompt(NEXT_PROMPT, readNextAction));
    this.addDialog(
      new WaterfallDialog(STEPS, [
        this.askStep('needs'),
        this.askStep('targetGroups'),
        this.askStep('size'),
        this.showResultsStep.bind(this),
        this.followUpStep.bind(this),
      ]),
    );
    this.initialDialogId = STEPS;
  }

  /** Every search starts fresh; one that starts with a sentence takes from it whatever it already says. */
  protected override async onBeginDialog(innerDc: DialogContext, options?: SearchOptions): Promise<DialogTurnResult> {
    const fresh = newSearchState();
    await this.save(innerDc.context, options?.text === undefined ? fresh : absorb(fresh, recognize(options.text)));
    return super.onBeginDialog(innerDc, options);
  }

  /** Takes in the answer to the previous question, then asks this one unless it is known. */
  private askStep(slot: Slot) {
    return async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
      const state = await this.absorbAnswer(step);
      if (!missingSlots(state.profile).includes(slot)) return step.next();
      return step.prompt(SLOT_PROMPTS[slot], {
        prompt: texts.ask[slot],
        retryPrompt: texts.retry[slot],
        choices: SLOT_CHOICES[slot].map((choice) => choice.short),
      });
    };
  }

  /** Says what was searched for and shows one page of programme cards, then offers what to do next. */
  private async showResultsStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = await this.absorbAnswer(step);
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
    const isLastPage = from + perPage >= hits.length;
    if (isLastPage && result.ended.length > 0) {
      const closed = result.ended.slice(0, CLOSED_NOTE_MAX).map(({ programme }) => ({ title: programme.title, deadline: programme.deadline, successor: successorTitle(programme, programmes) }));
      lines.push(texts.closedNote(closed, result.ended.length - closed.length));
    }

    const cards = page.map((hit) => CardFactory.adaptiveCard(programmeCard(hit, { successorTitle: successorTitle(hit.programme, programmes) })));
    await step.context.sendActivity(cards.length > 0 ? MessageFactory.carousel(cards, lines.join('\n\n')) : lines.join('\n\n'));

    const choices = [
      ...(isLastPage ? [] : [texts.next.more]),
      texts.next.changeNeeds,
      texts.next.changeTargetGroups,
      texts.next.changeSize,
      texts.next.restart,
    ];
    return step.prompt(NEXT_PROMPT, { prompt: texts.nextPrompt, retryPrompt: texts.nextRetry, choices });
  }

  /** More results, one answer changed, or a new answer: then the search runs again from the saved state. */
  private async followUpStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const action = step.result as NextAction;
    const state = await this.load(step.context);
    switch (action.kind) {
      case 'more': {
        const hits = rankedHits(match(state.profile, this.deps.programmes(), this.deps.today()));
        if ((state.page + 1) * this.deps.resultsPerPage >= hits.length) await step.context.sendActivity(texts.noMoreResults);
        else await this.save(step.context, { ...state, page: state.page + 1 });
        break;
      }
      case 'change':
        await this.save(step.context, forget(state, action.slot));
        break;
      case 'update':
        await this.save(step.context, absorb(state, action.recognition));
        break;
    }
    return step.replaceDialog(STEPS, {});
  }

  protected async help(innerDc: DialogContext): Promise<void> {
    const active = innerDc.activeDialog?.id;
    const slot = (Object.keys(SLOT_PROMPTS) as Slot[]).find((candidate) => SLOT_PROMPTS[candidate] === active);
    await innerDc.context.sendActivity(slot !== undefined ? texts.help[slot] : active === NEXT_PROMPT ? texts.help.results : texts.help.general);
  }

  protected async restart(innerDc: DialogContext): Promise<DialogTurnResult> {
    await this.save(innerDc.context, newSearchState());
    await innerDc.cancelAllDialogs();
    return innerDc.beginDialog(STEPS, {});
  }

  protected async back(innerDc: DialogContext): Promise<DialogTurnResult> {
    const state = await this.load(innerDc.context);
    const last = state.answered.at(-1);
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

  private async absorbAnswer(step: WaterfallStepContext): Promise<SearchState> {
    const state = await this.load(step.context);
    if (!isRecognition(step.result)) return state;
    const updated = absorb(state, step.result);
    await this.save(step.context, updated);
    return updated;
  }

  private async load(context: TurnContext): Promise<SearchState> {
    return parseSearchState(await this.deps.searchState.get(context));
  }

  private async save(context: TurnContext, state: SearchState): Promise<void> {
    await this.deps.searchState.set(context, state);
  }
}

/** A reply counts as an answer when it names the slot asked for (it may name others as well). */
function recognizedFor(slot: Slot, recognition: Recognition): Recognition | null {
  const answered = slot === 'size' ? recognition.size !== null : recognition[slot].length > 0;
  return answered ? recognition : null;
}

function isRecognition(value: unknown): value is Recognition {
  return typeof value === 'object' && value !== null && 'needs' in value && 'targetGroups' in value && 'size' in value;
}

function successorTitle(programme: Programme, programmes: readonly Programme[]): string | undefined {
  return programme.successor === undefined ? undefined : programmes.find((candidate) => candidate.id === programme.successor)?.title;
}
