import type { FakeConnector, RecordedReply } from './fakeConnector.js';

/** Talks to the bot the way the Bot Framework Emulator does: plain HTTP POSTs, no token, replies via the connector. */
export class EmulatorClient {
  private sequence = 0;

  constructor(
    private readonly botUrl: string,
    private readonly connector: FakeConnector,
    readonly conversationId = `conv-${Math.random().toString(36).slice(2)}`,
    private readonly channelId = 'emulator',
  ) {}

  activity(fields: Record<string, unknown>): Record<string, unknown> {
    this.sequence += 1;
    return {
      id: `${this.conversationId}-a${this.sequence}`,
      channelId: this.channelId,
      serviceUrl: this.connector.url,
      conversation: { id: this.conversationId },
      from: { id: 'user-1', name: 'Sachbearbeiterin', role: 'user' },
      recipient: { id: 'bot-1', name: 'Förderlotse', role: 'bot' },
      locale: 'de-DE',
      timestamp: new Date().toISOString(),
      ...fields,
    };
  }

  async post(activity: Record<string, unknown>): Promise<Response> {
    return fetch(`${this.botUrl}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(activity) });
  }

  /** Sends an activity and returns the replies the bot posted to the connector for it. */
  async exchange(fields: Record<string, unknown>): Promise<RecordedReply['activity'][]> {
    const activity = this.activity(fields);
    const before = this.connector.replies.length;
    const response = await this.post(activity);
    if (response.status !== 200) throw new Error(`bot answered ${response.status}: ${await response.text()}`);
    return this.connector.replies.slice(before).filter((reply) => reply.conversationId === this.conversationId).map((reply) => reply.activity);
  }

  say(text: string) {
    return this.exchange({ type: 'message', text });
  }

  join() {
    return this.exchange({ type: 'conversationUpdate', membersAdded: [{ id: 'bot-1', name: 'Förderlotse' }, { id: 'user-1', name: 'Sachbearbeiterin' }] });
  }
}
