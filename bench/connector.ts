import { once } from 'node:events';
import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the Bot Framework connector, as test/support/fakeConnector.ts, but for long
 * runs: it keeps no replies, only what the measurement checks per activity (how many replies, a
 * carousel among them) until the client has read it, and counts connections and requests.
 */
export interface ReplySummary {
  replies: number;
  carousel: boolean;
}

export class BenchConnector {
  /** Replies per activity id they answer, taken away by `take`. */
  private readonly pending = new Map<string, ReplySummary>();
  requests = 0;
  connections = 0;
  private readonly server: Server;

  private constructor() {
    this.server = createServer(async (request, response) => {
      const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(request.url ?? '');
      if (request.method !== 'POST' || match === null) {
        response.statusCode = 404;
        response.end();
        return;
      }
      const activity = JSON.parse(await body(request)) as { attachmentLayout?: string; replyToId?: string };
      this.requests += 1;
      const replyTo = decodeURIComponent(match[2] ?? activity.replyToId ?? '');
      const summary = this.pending.get(replyTo) ?? { replies: 0, carousel: false };
      summary.replies += 1;
      summary.carousel ||= activity.attachmentLayout === 'carousel';
      this.pending.set(replyTo, summary);
      response.setHeader('Content-Type', 'application/json');
      response.end(JSON.stringify({ id: `reply-${this.requests}` }));
    });
    this.server.on('connection', () => void (this.connections += 1));
  }

  static async start(): Promise<BenchConnector> {
    const connector = new BenchConnector();
    connector.server.listen(0, '127.0.0.1');
    await once(connector.server, 'listening');
    return connector;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** What reached the connector in answer to this activity; forgotten afterwards. */
  take(activityId: string): ReplySummary {
    const summary = this.pending.get(activityId) ?? { replies: 0, carousel: false };
    this.pending.delete(activityId);
    return summary;
  }

  /** Left-overs of activities nobody asked about (should stay 0). */
  get unclaimed(): number {
    return this.pending.size;
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
