import { actionData } from './cardActions.js';
import type { AdaptiveCard } from './programmeCard.js';

const adaptiveCard = (body: object[], actions: object[]): AdaptiveCard => ({
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  body,
  actions,
});

/** "Hilfreich?" after a search: one tap rates it; what is typed in the optional field comes along. */
export function feedbackCard(
  labels: { question: string; commentLabel: string; commentPlaceholder: string; yes: string; no: string },
  commentMax: number,
  searchId: string,
): AdaptiveCard {
  return adaptiveCard(
    [
      { type: 'TextBlock', text: labels.question, wrap: true, weight: 'Bolder' },
      {
        type: 'Input.Text',
        id: 'comment',
        label: labels.commentLabel,
        placeholder: labels.commentPlaceholder,
        isMultiline: true,
        maxLength: commentMax,
      },
    ],
    [
      { type: 'Action.Submit', title: labels.yes, data: actionData({ action: 'feedback', helpful: true, searchId }) },
      { type: 'Action.Submit', title: labels.no, data: actionData({ action: 'feedback', helpful: false, searchId }) },
    ],
  );
}

/** The saved searches, each with a button that removes it. */
export function savedSearchesCard(title: string, searches: readonly { id: string; text: string }[], removeLabel: string): AdaptiveCard {
  return adaptiveCard(
    [
      { type: 'TextBlock', text: title, wrap: true, weight: 'Bolder' },
      ...searches.map((search) => ({
        type: 'ColumnSet',
        columns: [
          {
            type: 'Column',
            width: 'stretch',
            verticalContentAlignment: 'Center',
            items: [{ type: 'TextBlock', text: search.text, wrap: true }],
          },
          {
            type: 'Column',
            width: 'auto',
            items: [
              {
                type: 'ActionSet',
                actions: [{ type: 'Action.Submit', title: removeLabel, data: actionData({ action: 'removeSearch', searchId: search.id }) }],
              },
            ],
          },
        ],
      })),
    ],
    [],
  );
}
