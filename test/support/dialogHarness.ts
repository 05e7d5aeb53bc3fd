import { ConversationState, MemoryStorage } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { MainDialog } from '../../dialogs/MainDialog.js';
import { SearchDialog } from '../../dialogs/SearchDialog.js';
import type { AdaptiveCard } from '../../src/cards/programmeCard.js';
import { NO_PLACES, type PlaceIndex } from '../../src/domain/places.js';
import type { Programme } from '../../src/domain/programme.js';
import { ExportLinks } from '../../src/http/exportLinks.js';
import { searchLinks } from '../../src/http/shareLinks.js';
import { TODAY, fixtureProgrammes } from './testBot.js';

export interface Reply {
  text: string;
  /** The first line of each card: a programme's title, or the heading of another card such as the feedback card. */
  cardTitles: string[];
  /** The Adaptive Cards themselves, for a closer look. */
  cards: AdaptiveCard[];
  buttons: string[];
}

type Block = { type: string; text?: string; inlines?: { text: string }[] };

/** Programme cards start with a RichTextBlock, the other cards with a TextBlock. */
export const cardTitle = (card: AdaptiveCard): string => {
  const first = card.body[0] as Block | undefined;
  return first?.inlines?.[0]?.text ?? first?.text ?? '';
};

/** A MainDialog over the fixture programmes, driven turn by turn the way DialogTestClient does it. */
export function dialogClient(options: { resultsPerPage?: number; programmes?: Programme[]; channelId?: string; places?: PlaceIndex } = {}) {
  const conversationState = new ConversationState(new MemoryStorage());
  const programmes = options.programmes ?? fixtureProgrammes();
  const search = new SearchDialog({
    programmes: () => programmes,
    today: () => TODAY,
    resultsPerPage: options.resultsPerPage ?? 5,
    searchState: conversationState.createProperty('searchState'),
    demand: { record: () => undefined },
    feedbackOffers: conversationState.createProperty('feedbackOffers'),
    places: options.places ?? NO_PLACES,
    municipalities: { recall: async () => null, remember: async () => undefined },
    shareLinks: (profile, channelId) =>
      searchLinks(profile, channelId, {
        links: new ExportLinks('x'.repeat(32)),
        baseUrl: () => 'http://localhost:3978',
        teamsAppId: 'app',
      }),
  });
  const client = new DialogTestClient(options.channelId ?? 'emulator', new MainDialog(search), undefined, undefined, conversationState);

  /** Sends one message and returns every reply of that turn. */
  return async function say(text: string): Promise<Reply[]> {
    const replies: Reply[] = [];
    for (let reply = await client.sendActivity(text); reply !== undefined; reply = client.getNextReply()) {
      const cards = (reply.attachments ?? []).map((attachment: { content?: unknown }) => attachment.content as AdaptiveCard);
      replies.push({
        text: reply.text ?? '',
        cardTitles: cards.map(cardTitle),
        cards,
        buttons: (reply.suggestedActions?.actions ?? []).map((action: { title?: string }) => action.title ?? ''),
      });
    }
    return replies;
  };
}
