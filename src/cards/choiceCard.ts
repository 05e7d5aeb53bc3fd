import type { AdaptiveCard } from './programmeCard.js';

/**
 * A question with a long list of answers as an Adaptive Card choice set: Teams shows at most six
 * buttons on a card. The picked answer comes back as `{ answer }` in the submit value.
 */
export function choiceCard(
  question: string,
  choices: readonly string[],
  labels: { placeholder: string; submit: string; typeInstead: string },
): AdaptiveCard {
  // The question is the list's label (shown above it, read with it); what precedes it, e.g. what was understood, stands above.
  const paragraphs = question.split('\n\n');
  const asked = paragraphs.pop() ?? '';
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      ...(paragraphs.length > 0 ? [{ type: 'TextBlock', text: paragraphs.join('\n\n'), wrap: true }] : []),
      {
        type: 'Input.ChoiceSet',
        id: 'answer',
        style: 'compact',
        isRequired: true,
        errorMessage: labels.placeholder,
        placeholder: labels.placeholder,
        label: asked,
        choices: choices.map((choice) => ({ title: choice, value: choice })),
      },
      { type: 'TextBlock', text: labels.typeInstead, wrap: true, isSubtle: true, size: 'Small' },
    ],
    actions: [{ type: 'Action.Submit', title: labels.submit }],
  };
}
