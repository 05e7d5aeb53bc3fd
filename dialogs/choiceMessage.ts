import { type Activity, CardFactory, Channels, MessageFactory, type TurnContext } from 'botbuilder';
import { type Choice, ChoiceFactory } from 'botbuilder-dialogs';
import { choiceCard } from '../src/cards/choiceCard.js';
import { texts } from '../src/texts/chat.js';

/** Teams shows at most six buttons on a card. */
const TEAMS_MAX_BUTTONS = 6;

const titleOf = (choice: string | Choice) => (typeof choice === 'string' ? choice : choice.value);

/**
 * A question with its choices, the way the channel shows them. In Teams the buttons send a
 * messageBack with the answer as value, which reaches the bot in channels without an @mention too.
 */
export function choiceMessage(context: TurnContext, question: string, choices: readonly (string | Choice)[]): Partial<Activity> {
  if (context.activity.channelId !== Channels.Msteams) return ChoiceFactory.forChannel(context, [...choices], question);
  const titles = choices.map(titleOf);
  if (titles.length > TEAMS_MAX_BUTTONS) {
    return MessageFactory.attachment(CardFactory.adaptiveCard(choiceCard(question, titles, texts.choiceCard)));
  }
  const buttons = titles.map((title) => ({ type: 'messageBack', title, text: title, displayText: title, value: { answer: title } }));
  return MessageFactory.attachment(CardFactory.heroCard('', question, undefined, buttons));
}
