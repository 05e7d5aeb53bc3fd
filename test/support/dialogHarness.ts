import { ConversationState, MemoryStorage } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { MainDialog } from '../../dialogs/MainDialog.js';
import { SearchDialog } from '../../dialogs/SearchDialog.js';
import type { Programme } from '../../src/domain/programme.js';
import { TODAY, fixtureProgrammes } from './testBot.js';

export interface Reply {
  text: string;
  cardTitles: string[];
  buttons: string[];
}

/** A MainDialog over the fixture programmes, driven turn by turn the way DialogTestClient does it. */
export function dialogClient(options: { resultsPerPage?: number; programmes?: Programme[]; channelId?: string } = {}) {
  const conversationState = new ConversationState(new MemoryStorage());
  const programmes = options.programmes ?? fixtureProgrammes();
  const search = new SearchDialog({
    programmes: () => programmes,
    today: () => TODAY,
    resultsPerPage: options.resultsPerPage ?? 5,
    searchState: conversationState.createProperty('searchState'),
  });
  const client = new DialogTestClient(options.channelId ?? 'emulator', new MainDialog(search), undefined, undefined, conversationState);

  /** Sends one message and returns every reply of that turn. */
  return async function say(text: string): Promise<Reply[]> {
    const replies: Reply[] = [];
    for (let reply = await client.sendActivity(text); reply !== undefined; reply = client.getNextReply()) {
      replies.push({
        text: reply.text ?? '',
        cardTitles: (reply.attachments ?? []).map((attachment: { content?: unknown }) => (attachment.content as { body: { inlines: { text: string }[] }[] }).body[0]?.inlines[0]?.text ?? ''),
        buttons: (reply.suggestedActions?.actions ?? []).map((action: { title?: string }) => action.title ?? ''),
      });
    }
    return replies;
  };
}
