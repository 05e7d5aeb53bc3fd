import { once } from 'node:events';
import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedReply {
  conversationId: string;
  replyToId: string | undefined;
  /** The Authorization header the bot sent (none in the Emulator mode). */
  authorization: string | undefined;
  activity: {
    type: string;
    text?: string;
    attachmentLayout?: string;
    attachments?: { contentType: string; content: unknown }[];
    suggestedActions?: { actions: { title: string; value: string }[] };
    [key: string]: unknown;
  };
}

/**
 * A local stand-in for the Bot Framework connector service: it accepts the bot's replies the way
 * the Emulator's and Teams' connectors do and records them, per conversation, in order.
 */
export class FakeConnector {
  readonly replies: RecordedReply[] = [];
  /** Every POST that reached the connector, answered or refused. */
  attempts = 0;
  private readonly server: Server;
  private refusals: { status: number; retryAfterSeconds?: number }[] = [];
  /** How long the connector takes to accept a reply, as a slow network would. */
  delayMs = 0;

  private constructor() {
    this.server = createServer(async (request, response) => {
      const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(request.url ?? '');
      if (request.method !== 'POST' || match === null) {
        response.statusCode = 404;
        response.end();
        return;
      }
      const activity = JSON.parse(await body(request)) as RecordedReply['activity'];
      this.attempts += 1;
      if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
      const refusal = this.refusals.shift();
      if (refusal !== undefined) {
        if (refusal.retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(refusal.retryAfterSeconds));
        response.statusCode = refusal.status;
        response.end(JSON.stringify({ error: { code: 'Throttled', message: 'refused by the test' } }));
        return;
      }
      this.replies.push({
        conversationId: decodeURIComponent(match[1] ?? ''),
        replyToId: match[2] && decodeURIComponent(match[2]),
        authorization: request.headers.authorization,
        activity,
      });
      response.setHeader('Content-Type', 'application/json');
      response.end(JSON.stringify({ id: `reply-${this.replies.length}` }));
    });
  }

  static async start(): Promise<FakeConnector> {
    const connector = new FakeConnector();
    connector.server.listen(0, '127.0.0.1');
    await once(connector.server, 'listening');
    return connector;
  }

  /** The next POSTs are refused with these statuses, as Teams does when it throttles or fails. */
  refuseNext(...refusals: { status: number; retryAfterSeconds?: number }[]): void {
    this.refusals.push(...refusals);
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  repliesTo(conversationId: string): RecordedReply['activity'][] {
    return this.replies.filter((reply) => reply.conversationId === conversationId).map((reply) => reply.activity);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

async function body(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
