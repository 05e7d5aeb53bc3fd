import type { Hit, Reason } from '../domain/matcher.js';
import type { Programme } from '../domain/programme.js';
import { actionData } from './cardActions.js';
import { amountText, APPLICANT_LABELS, card, deadlineText, LEVEL_LABELS, mismatchText, reasonText, routeText } from '../texts/labels.js';

/** Adaptive Card JSON, version 1.5: the highest Teams renders (1.3 for link previews, which render no higher). */
export type AdaptiveCard = { type: 'AdaptiveCard'; $schema: string; version: '1.5' | '1.3'; body: object[]; actions: object[] };

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

// Control and zero-width characters could hide or reorder text; the store's text must show as written.
// eslint-disable-next-line no-control-regex -- these are exactly the characters to remove
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;

/** The first sentence of a summary, shortened to about three lines on a phone. */
const TEASER_CHARS = 160;

interface Run {
  text: string;
  weight?: 'Bolder';
  isSubtle?: true;
  color?: 'Good' | 'Attention' | 'Warning';
  size?: 'Small' | 'Large';
}

/**
 * Text in TextRuns is never read as markdown, so a title like "[hier](https://…)" or "**neu**"
 * from the store shows literally instead of becoming a link or bold text.
 */
function paragraph(runs: Run[], spacing?: 'Small' | 'Medium'): object {
  return {
    type: 'RichTextBlock',
    ...(spacing ? { spacing } : {}),
    inlines: runs.map((run) => ({ type: 'TextRun', ...run, text: run.text.replace(INVISIBLE, '') })),
  };
}

const labelled = (label: string, value: string, color?: Run['color']) =>
  paragraph(
    [
      { text: `${label} `, weight: 'Bolder' },
      { text: value, ...(color ? { color } : {}) },
    ],
    'Small',
  );

/** The first sentence of a summary for the front, and what the front leaves for "Details". */
function splitSummary(summary: string): { teaser: string; rest: string } {
  const first = /^.+?[.!?](?=\s|$)/.exec(summary)?.[0] ?? summary;
  if (first.length <= TEASER_CHARS) return { teaser: first, rest: summary.slice(first.length).trim() };
  return { teaser: `${first.slice(0, TEASER_CHARS - 1).replace(/\s+\S*$/, '')} …`, rest: summary };
}

/** Loans and advice are no share of costs; a grant below 100 % leaves the rest to the applicant. */
const ownShareOf = (programme: Programme) =>
  programme.fundingRate !== undefined && programme.fundingRate < 100 && !['darlehen', 'beratung'].includes(programme.fundingType)
    ? programme.fundingRate
    : undefined;

// The deadline has its own line; reasons that repeat it or the application path stay off the ✓ line.
export const SHOWN_ELSEWHERE: ReadonlySet<Reason['kind']> = new Set([
  'deadlineSoon',
  'rolling',
  'viaIntermediary',
  'selfApplies',
  'viaKreis',
]);

const LEVEL_WORDS: Record<Programme['level'], RegExp> = {
  eu: /\bEU\b/,
  bund: /\bBund/,
  land: /\bLand\b/,
  kommune: /\bKommun/,
  stiftung: /Stiftung/,
};

/** "Land NRW (MKJFGFI)" says the level already; otherwise it is added ("Robert Bosch Stiftung" is clear, "BAMF" is not). */
const funderLine = (programme: Programme) =>
  LEVEL_WORDS[programme.level].test(programme.funder) ? programme.funder : `${programme.funder} · ${LEVEL_LABELS[programme.level]}`;

/**
 * On result cards a programme can be kept; on the watchlist it can be dropped again; a card put into
 * a chat from elsewhere in Teams has no button that only the bot's own chat can answer.
 */
export type FollowUpButton = 'watch' | 'unwatch' | 'none';

/** What a municipal employee needs to decide on a phone: what, who, how much, by when, why; the rest behind "Details". */
export function programmeCard(hit: Hit, button: FollowUpButton = 'watch'): AdaptiveCard {
  const { programme } = hit;
  const applicants = Object.keys(APPLICANT_LABELS)
    .filter((applicant) => programme.applicants.includes(applicant as Programme['applicants'][number]))
    .map((applicant) => APPLICANT_LABELS[applicant as Programme['applicants'][number]])
    .join(', ');
  const reasons = hit.reasons.filter((reason) => !SHOWN_ELSEWHERE.has(reason.kind));
  const urgent = hit.status === 'open' && hit.daysLeft !== null && hit.daysLeft <= 30;
  const summary = splitSummary(programme.summary);

  const body: object[] = [
    paragraph([{ text: programme.title, weight: 'Bolder', size: 'Large' }]),
    paragraph([{ text: funderLine(programme), isSubtle: true }], 'Small'),
    labelled(card.funded, summary.teaser),
    labelled(programme.withoutApplication === undefined ? card.applicants : card.participants, applicants),
  ];
  // The route, said whenever it is known: the municipality itself, its Kreis, another body, or nobody it could ask.
  const route = routeText(hit);
  if (route !== undefined) body.push(labelled(card.via, route));
  body.push(labelled(card.amount, amountText(programme)));
  body.push(
    labelled(
      card.deadline,
      deadlineText(programme.deadline, hit.daysLeft),
      hit.status === 'ended' ? 'Attention' : urgent ? 'Warning' : undefined,
    ),
  );
  if (reasons.length > 0)
    body.push(paragraph([{ text: `${card.whyFits} ${reasons.map(reasonText).join(' · ')}`, color: 'Good' }], 'Small'));
  if (hit.mismatches.length > 0)
    body.push(paragraph([{ text: `${card.whatNotFits} ${hit.mismatches.map(mismatchText).join(' · ')}`, color: 'Attention' }], 'Small'));
  // How fresh the facts are belongs on the front: stale entries are what users of funding databases distrust most.
  body.push(paragraph([{ text: card.asOf(programme.lastVerified), isSubtle: true, size: 'Small' }], 'Small'));

  // Details add what the front does not say: the rest of the summary, the share of costs left, whom to ask.
  const details: object[] = [];
  if (summary.rest !== '') details.push(paragraph([{ text: summary.rest }]));
  if (programme.amountNote !== undefined) details.push(labelled(card.amountNote, programme.amountNote));
  const ownShare = ownShareOf(programme);
  if (ownShare !== undefined) details.push(labelled(card.ownShare, card.ownShareText(ownShare)));
  if (programme.contact !== undefined) details.push(labelled(card.contact, programme.contact));
  const source = { type: 'Action.OpenUrl', title: card.source, url: programme.sourceUrl };
  const sourceIsPage = programme.sourceUrl === programme.applicationUrl;

  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    actions: [
      { type: 'Action.OpenUrl', title: card.openPage, url: programme.applicationUrl },
      ...(button === 'none'
        ? []
        : [
            {
              type: 'Action.Submit',
              title: button === 'watch' ? card.watch : card.unwatch,
              data: actionData({ action: button, programmeId: programme.id }),
            },
          ]),
      ...(details.length > 0
        ? [
            {
              type: 'Action.ShowCard',
              title: card.details,
              card: { type: 'AdaptiveCard', version: '1.5', body: details, actions: sourceIsPage ? [] : [source] },
            },
          ]
        : sourceIsPage
          ? []
          : [source]),
    ],
  };
}

/** The same card for a link preview: every element used is in Adaptive Cards 1.3, the highest previews render. */
export function linkPreviewCard(programmeCardJson: AdaptiveCard): AdaptiveCard {
  return JSON.parse(JSON.stringify(programmeCardJson).replaceAll('"version":"1.5"', '"version":"1.3"')) as AdaptiveCard;
}
