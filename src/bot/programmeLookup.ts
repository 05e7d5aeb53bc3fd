import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import { programmeCard } from '../cards/programmeCard.js';
import { hitOf } from '../domain/matcher.js';
import { type Programme, successorOf } from '../domain/programme.js';
import { namedProgrammes } from '../domain/programmeNames.js';
import { recognize, saysAnything } from '../domain/recognizer.js';
import { lookupTexts } from '../texts/chat.js';

export interface ProgrammeLookupDependencies {
  programmes: () => readonly Programme[];
  today: () => string;
}

/**
 * Answers a message that names programmes ("Gibt es Einwanderung gestalten noch?") with their cards,
 * saying when one has ended and what followed it. When the message says more, the search reads it:
 * all of it when the name of an open programme may itself be part of the answer ("Zusammenhalt im
 * Quartier für alle"), only the rest when an ended programme was asked about (its name is no
 * answer). A name alone ("KIM?") ends the turn, and the search stays at its question.
 */
export class ProgrammeLookup {
  constructor(private readonly deps: ProgrammeLookupDependencies) {}

  /** True when the message was only about named programmes and is answered. */
  async handle(context: TurnContext): Promise<boolean> {
    const text = context.activity.text;
    if (typeof text !== 'string' || text.trim() === '' || context.activity.value !== undefined) return false;
    const programmes = this.deps.programmes();
    const named = namedProgrammes(text, programmes);
    if (named.programmes.length === 0) return false;

    const today = this.deps.today();
    const shown = new Map<string, Programme>();
    const lines: string[] = [];
    let askedAboutEnded = false;
    for (const programme of named.programmes) {
      shown.set(programme.id, programme);
      const hit = hitOf(programme, today);
      askedAboutEnded ||= hit.status === 'ended';
      const successor = successorOf(programme, programmes);
      if (successor !== undefined) shown.set(successor.id, successor);
      lines.push(
        hit.status === 'ended'
          ? lookupTexts.ended(programme.title, programme.deadline, successor?.title)
          : lookupTexts.found(programme.title),
      );
    }
    const cards = [...shown.values()].map((programme) => CardFactory.adaptiveCard(programmeCard(hitOf(programme, today))));
    await context.sendActivity(MessageFactory.carousel(cards, lines.join('\n\n')));
    // A name alone is a question about the programme, not an answer: the search keeps what it had.
    if (!saysAnything(recognize(named.rest))) return true;
    context.activity.text = askedAboutEnded ? named.rest : text;
    return false;
  }
}
