import { EmulatorClient } from './emulatorClient.js';
import type { FakeConnector, RecordedReply } from './fakeConnector.js';

export type ReplyActivity = RecordedReply['activity'];

/** The titles on the Adaptive Cards of a reply, in order: a programme card's RichTextBlock, or another card's first TextBlock (the feedback card's question). */
export const cardTitles = (activity: ReplyActivity | undefined): (string | undefined)[] =>
  (activity?.attachments ?? []).map((attachment) => {
    const first = (attachment.content as { body: { text?: string; inlines?: { text: string }[] }[] }).body[0];
    return first?.inlines?.[0]?.text ?? first?.text;
  });

/** One user's conversation whose messages may go to different bot instances, as behind a load balancer. */
export class SharedConversation {
  readonly conversationId: string;
  private readonly userId: string;
  private sequence = 0;

  constructor(
    private readonly connector: FakeConnector,
    options: { conversationId?: string; userId?: string } = {},
  ) {
    this.conversationId = options.conversationId ?? `conv-${Math.random().toString(36).slice(2)}`;
    this.userId = options.userId ?? 'user-1';
  }

  /** Posts a message to the bot at `botUrl`; resolves with its activity id and the HTTP answer once the turn is over. */
  async post(botUrl: string, text: string): Promise<{ id: string; status: number; body: string }> {
    this.sequence += 1;
    const id = `${this.conversationId}-m${this.sequence}`;
    const client = new EmulatorClient(botUrl, this.connector, { conversationId: this.conversationId, userId: this.userId });
    const response = await client.post(client.activity({ type: 'message', text, id }));
    return { id, status: response.status, body: await response.text() };
  }

  /** The replies the bot addressed to one incoming activity (`/v3/conversations/{conv}/activities/{id}`), in order. */
  repliesTo(id: string): ReplyActivity[] {
    return this.connector.replies
      .filter((reply) => reply.conversationId === this.conversationId && reply.replyToId === id)
      .map((reply) => reply.activity);
  }

  /** Sends a message and returns the bot's replies to it; anything but HTTP 200 fails. */
  async say(botUrl: string, text: string): Promise<ReplyActivity[]> {
    const { id, status, body } = await this.post(botUrl, text);
    if (status !== 200) throw new Error(`bot at ${botUrl} answered "${text}" with ${status}: ${body}`);
    return this.repliesTo(id);
  }
}
