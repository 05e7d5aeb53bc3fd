import type { FakeConnector, RecordedReply } from './fakeConnector.js';

export interface ClientOptions {
  conversationId?: string;
  /** `emulator` by default; `msteams` to talk like Teams. */
  channelId?: string;
  /** Teams: `personal`, `groupChat` or `channel`. */
  conversationType?: string;
  userId?: string;
}

const BOT = { id: 'bot-1', name: 'Förderlotse NRW', role: 'bot' };
const BUSY_ATTEMPTS = 10;

/** Talks to the bot the way the Bot Framework Emulator (or Teams) does: plain HTTP POSTs, no token, replies via the connector. */
export class EmulatorClient {
  private sequence = 0;
  readonly conversationId: string;

  constructor(
    private readonly botUrl: string,
    private readonly connector: FakeConnector,
    private readonly options: ClientOptions = {},
  ) {
    this.conversationId = options.conversationId ?? `conv-${Math.random().toString(36).slice(2)}`;
  }

  activity(fields: Record<string, unknown>): Record<string, unknown> {
    this.sequence += 1;
    const userId = this.options.userId ?? 'user-1';
    return {
      id: `${this.conversationId}-${userId}-a${this.sequence}`,
      channelId: this.options.channelId ?? 'emulator',
      serviceUrl: this.connector.url,
      conversation: {
        id: this.conversationId,
        ...(this.options.conversationType ? { conversationType: this.options.conversationType } : {}),
      },
      from: { id: userId, name: `Sachbearbeitung ${userId}`, role: 'user' },
      recipient: BOT,
      locale: 'de-DE',
      timestamp: new Date().toISOString(),
      ...fields,
    };
  }

  async post(activity: Record<string, unknown>, signal?: AbortSignal): Promise<Response> {
    return fetch(`${this.botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(activity),
      ...(signal === undefined ? {} : { signal }),
    });
  }

  /**
   * Sends an activity and returns the replies the bot posted to the connector for it. A 503 (the
   * bot is busy) is sent again after its Retry-After, as the Bot Connector does.
   */
  async exchange(fields: Record<string, unknown>): Promise<RecordedReply['activity'][]> {
    const activity = this.activity(fields);
    const before = this.connector.replies.length;
    let response = await this.post(activity);
    for (let attempt = 1; response.status === 503 && attempt < BUSY_ATTEMPTS; attempt += 1) {
      await response.arrayBuffer();
      await new Promise((resolve) => setTimeout(resolve, Math.min(2, Number(response.headers.get('retry-after') ?? 1)) * 1000));
      response = await this.post(activity);
    }
    if (response.status !== 200) throw new Error(`bot answered ${response.status}: ${await response.text()}`);
    return this.connector.replies
      .slice(before)
      .filter((reply) => reply.conversationId === this.conversationId && reply.replyToId === activity.id)
      .map((reply) => reply.activity);
  }

  say(text: string) {
    return this.exchange({ type: 'message', text });
  }

  /** A message that @mentions the bot, as Teams sends it in group chats and channels. */
  sayToBot(text: string) {
    const mention = `<at>${BOT.name}</at>`;
    return this.exchange({
      type: 'message',
      text: `${mention} ${text}`,
      entities: [{ type: 'mention', mentioned: { id: BOT.id, name: BOT.name }, text: mention }],
    });
  }

  /** A card button or choice set, sent without text. */
  submit(value: unknown) {
    return this.exchange({ type: 'message', value });
  }

  join() {
    return this.exchange({
      type: 'conversationUpdate',
      membersAdded: [{ id: BOT.id, name: BOT.name }, { id: this.options.userId ?? 'user-1' }],
    });
  }
}
