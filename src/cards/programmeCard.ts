import type { Hit } from '../domain/matcher.js';
import { APPLICANT_LABELS, FUNDING_TYPE_LABELS, LEVEL_LABELS, amountText, card, deadlineText, mismatchText, reasonText } from '../texts/de.js';

/** Adaptive Card JSON, version 1.5: the highest Teams renders. */
export type AdaptiveCard = { type: 'AdaptiveCard'; $schema: string; version: '1.5'; body: object[]; actions: object[] };

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

// Control and zero-width characters could hide or reorder text; the store's text must show as written.
// eslint-disable-next-line no-control-regex -- these are exactly the characters to remove
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;

interface Run {
  text: string;
  weight?: 'Bolder';
  isSubtle?: true;
  color?: 'Good' | 'Attention' | 'Warning';
}

/**
 * Text in TextRuns is never read as markdown, so a title like "[hier](https://…)" or "**neu**"
 * from the store shows literally instead of becoming a link or bold text.
 */
function paragraph(runs: Run[], options: { size?: 'Medium' | 'Small'; spacing?: 'Small' | 'Medium' } = {}): object {
  return {
    type: 'RichTextBlock',
    ...(options.spacing ? { spacing: options.spacing } : {}),
    inlines: runs.map((run) => ({ type: 'TextRun', ...run, text: run.text.replace(INVISIBLE, ''), ...(options.size ? { size: options.size } : {}) })),
  };
}

const labelled = (label: string, value: string, color?: Run['color']) =>
  paragraph([{ text: `${label} `, weight: 'Bolder' }, { text: value, ...(color ? { color } : {}) }], { spacing: 'Small' });

export interface CardContext {
  /** Title of the programme that followed an ended one, when the store names it. */
  successorTitle?: string | undefined;
}

export function programmeCard(hit: Hit, context: CardContext = {}): AdaptiveCard {
  const { programme } = hit;
  const amount = amountText(programme);
  const applicants = programme.applicants.map((applicant) => APPLICANT_LABELS[applicant]).join(', ');
  const deadline = deadlineText(programme.deadline, hit.daysLeft);
  const body: object[] = [
    paragraph([{ text: programme.title, weight: 'Bolder' }], { size: 'Medium' }),
    paragraph([{ text: `${programme.funder} · ${LEVEL_LABELS[programme.level]}`, isSubtle: true }], { spacing: 'Small' }),
    labelled(card.funded, programme.summary),
    labelled(card.applicants, applicants),
  ];
  if (hit.access === 'intermediary' && programme.viaIntermediary !== undefined) body.push(labelled(card.via, programme.viaIntermediary));
  body.push(labelled(card.amount, amount === null ? FUNDING_TYPE_LABELS[programme.fundingType] : `${FUNDING_TYPE_LABELS[programme.fundingType]} · ${amount}`));
  body.push(labelled(card.deadline, deadline, hit.status === 'ended' ? 'Attention' : hit.daysLeft !== null && hit.daysLeft <= 30 ? 'Warning' : undefined));
  if (context.successorTitle !== undefined) body.push(labelled(card.successor, context.successorTitle));
  if (hit.reasons.length > 0) body.push(labelled(card.whyFits, hit.reasons.map(reasonText).join(' · '), 'Good'));
  if (hit.mismatches.length > 0) body.push(labelled(card.whatNotFits, hit.mismatches.map(mismatchText).join(' · '), 'Attention'));
  body.push(paragraph([{ text: card.asOf(programme.lastVerified), isSubtle: true }], { size: 'Small', spacing: 'Medium' }));

  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    actions: [{ type: 'Action.OpenUrl', title: card.openPage, url: programme.applicationUrl }],
  };
}
