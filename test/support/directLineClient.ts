/** An activity as the Direct Line endpoint returns it. */
export interface DirectLineActivity {
  type: string;
  id: string;
  timestamp: string;
  channelId?: string;
  serviceUrl?: string;
  text?: string;
  replyToId?: string;
  from: { id: string; name?: string; role?: string };
  recipient?: { id: string };
  conversation?: { id: string };
  attachmentLayout?: string;
  attachments?: { contentType: string; content: unknown }[];
  suggestedActions?: { actions: { title: string; value: string }[] };
  channelData?: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * Talks to the bot's Direct Line endpoint the way Web Chat (botframework-directlinejs, polling)
 * does: open a conversation, post activities with the token, poll with the watermark.
 */
export class DirectLineClient {
  conversationId = '';
  token = '';
  private watermark = '';
  private sequence = 0;

  constructor(
    private readonly botUrl: string,
    readonly userId = `web-${Math.random().toString(36).slice(2)}`,
  ) {}

  private request(path: string, init: { method?: string; body?: unknown; token?: string } = {}): Promise<Response> {
    return fetch(`${this.botUrl}/v3/directline${path}`, {
      method: init.method ?? 'GET',
      headers: {
        Accept: 'application/json',
        Authorization: `Bearer ${init.token ?? this.token}`,
        ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  }

  /** Opens the conversation as Web Chat does after `setUserId`; resolves with the endpoint's answer. */
  async start(withUser = true): Promise<Response> {
    const response = await this.request('/conversations', { method: 'POST', body: { user: withUser ? { id: this.userId } : {} } });
    if (response.status === 201) {
      const opened = (await response.clone().json()) as { conversationId: string; token: string };
      this.conversationId = opened.conversationId;
      this.token = opened.token;
    }
    return response;
  }

  /** Posts an activity as Web Chat sends it, with a client activity id it can recognise in the echo. */
  post(fields: Record<string, unknown>, token?: string): Promise<Response> {
    this.sequence += 1;
    return this.request(`/conversations/${this.conversationId}/activities`, {
      method: 'POST',
      token,
      body: {
        type: 'message',
        from: { id: this.userId, role: 'user' },
        locale: 'de-DE',
        localTimestamp: new Date().toISOString(),
        channelData: { clientActivityID: `client-${this.sequence}` },
        ...fields,
      },
    });
  }

  /** One poll from the last watermark; the watermark moves on. */
  async poll(token?: string): Promise<DirectLineActivity[]> {
    const response = await this.request(`/conversations/${this.conversationId}/activities?watermark=${this.watermark}`, { token });
    if (response.status !== 200) throw new Error(`poll answered ${response.status}: ${await response.text()}`);
    const group = (await response.json()) as { activities: DirectLineActivity[]; watermark: string };
    this.watermark = group.watermark;
    return group.activities;
  }

  /** Sends a message and returns everything new since the last poll: its echo first, then the bot's replies. */
  async say(text: string): Promise<DirectLineActivity[]> {
    const response = await this.post({ text });
    if (response.status !== 200) throw new Error(`post answered ${response.status}: ${await response.text()}`);
    return this.poll();
  }

  /** A card button: the submit data as the activity's value, without text. */
  async submit(value: unknown): Promise<DirectLineActivity[]> {
    const response = await this.post({ value });
    if (response.status !== 200) throw new Error(`post answered ${response.status}: ${await response.text()}`);
    return this.poll();
  }
}
