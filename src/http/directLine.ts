import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/**
 * The conversations of the local Direct Line endpoint (the chat page in Emulator mode), in memory
 * and bounded: so many conversations, so many activities and characters each, forgotten when no
 * client has asked for a while. A flood of conversations or messages cannot grow memory past that.
 */

export interface DirectLineLimits {
  /** Conversations open at once; a new one beyond that is refused until one expires. */
  conversations: number;
  /** Activities kept per conversation; the oldest go first. */
  activitiesPerConversation: number;
  /** Characters of JSON kept per conversation; the oldest activities go first. */
  charsPerConversation: number;
  /** A conversation whose client has not polled or posted for this long is forgotten. */
  idleMs: number;
}

/**
 * An open page polls twice a second (a hidden one at least once a minute), so half an hour without a
 * request means it is closed. At most 100 × 1 million characters stay in memory.
 */
export const DIRECT_LINE_LIMITS: DirectLineLimits = {
  conversations: 100,
  activitiesPerConversation: 500,
  charsPerConversation: 1_000_000,
  idleMs: 30 * 60_000,
};

/** An activity as the transcript holds it: with the id, server time and order the service assigns. */
export type DirectLineActivity = Record<string, unknown> & { id: string; timestamp: string };

interface Entry {
  sequence: number;
  activity: DirectLineActivity;
  chars: number;
}

/** Equal tokens, compared in constant time. */
function sameToken(known: string, offered: string): boolean {
  const a = Buffer.from(known);
  const b = Buffer.from(offered);
  return a.length === b.length && timingSafeEqual(a, b);
}

export class DirectLineConversation {
  readonly id = randomUUID();
  /** The client's proof that it opened the conversation; sent as a bearer token. */
  readonly token = randomBytes(32).toString('base64url');
  /** The user the client named when it opened the conversation, or the sender of its first message. */
  userId: string | undefined;
  lastSeen: number;
  private entries: Entry[] = [];
  private chars = 0;
  private nextSequence = 1;

  constructor(
    private readonly limits: DirectLineLimits,
    now: number,
  ) {
    this.lastSeen = now;
  }

  /**
   * Adds an activity with the id, the server timestamp and the sequence number Web Chat orders by
   * (`webchat:sequence-id`); drops the oldest activities beyond the limits.
   */
  append<T extends Record<string, unknown>>(activity: T, now: Date): T & DirectLineActivity {
    const sequence = this.nextSequence++;
    const channelData = typeof activity.channelData === 'object' && activity.channelData !== null ? activity.channelData : {};
    const stamped = {
      ...activity,
      id: `${this.id}|${String(sequence).padStart(7, '0')}`,
      timestamp: now.toISOString(),
      channelData: { ...channelData, 'webchat:sequence-id': sequence },
    } as T & DirectLineActivity;
    const chars = JSON.stringify(stamped).length;
    this.entries.push({ sequence, activity: stamped, chars });
    this.chars += chars;
    while (
      this.entries.length > 1 &&
      (this.entries.length > this.limits.activitiesPerConversation || this.chars > this.limits.charsPerConversation)
    ) {
      this.chars -= this.entries.shift()?.chars ?? 0;
    }
    return stamped;
  }

  /** The activities after the watermark, and the watermark to ask with next. */
  since(watermark: number): { activities: DirectLineActivity[]; watermark: string } {
    return {
      activities: this.entries.filter((entry) => entry.sequence > watermark).map((entry) => entry.activity),
      watermark: String(this.nextSequence - 1),
    };
  }

  /** Whether the transcript holds an activity with this id. */
  holds(activityId: string): boolean {
    return this.entries.some((entry) => entry.activity.id === activityId);
  }
}

export type ClientLookup = { ok: true; conversation: DirectLineConversation } | { ok: false; problem: 'unknown' | 'forbidden' };

export class DirectLineConversations {
  private readonly open = new Map<string, DirectLineConversation>();
  readonly limits: DirectLineLimits;

  constructor(
    limits: Partial<DirectLineLimits> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.limits = { ...DIRECT_LINE_LIMITS, ...limits };
  }

  /** A new conversation, or undefined while as many are open as the limit allows. */
  start(userId: string | undefined): DirectLineConversation | undefined {
    for (const conversation of this.open.values()) this.expired(conversation);
    if (this.open.size >= this.limits.conversations) return undefined;
    const conversation = new DirectLineConversation(this.limits, this.now());
    conversation.userId = userId;
    this.open.set(conversation.id, conversation);
    return conversation;
  }

  /** The conversation, if the token is the one it was opened with; a sign of life of its client. */
  forClient(id: string, token: string): ClientLookup {
    const conversation = this.find(id);
    if (conversation === undefined) return { ok: false, problem: 'unknown' };
    if (!sameToken(conversation.token, token)) return { ok: false, problem: 'forbidden' };
    conversation.lastSeen = this.now();
    return { ok: true, conversation };
  }

  /** The conversation a token belongs to (a token refresh names no conversation); a sign of life too. */
  byToken(token: string): DirectLineConversation | undefined {
    for (const conversation of this.open.values()) {
      if (this.expired(conversation) || !sameToken(conversation.token, token)) continue;
      conversation.lastSeen = this.now();
      return conversation;
    }
    return undefined;
  }

  /** For the bot's replies: no sign of life, as a bot writing into a conversation nobody reads does not keep it open. */
  find(id: string): DirectLineConversation | undefined {
    const conversation = this.open.get(id);
    return conversation === undefined || this.expired(conversation) ? undefined : conversation;
  }

  /** Forgets a conversation at once, e.g. one whose welcome could not run. */
  end(id: string): void {
    this.open.delete(id);
  }

  get size(): number {
    return this.open.size;
  }

  /** Forgets the conversation if its client has been silent too long. */
  private expired(conversation: DirectLineConversation): boolean {
    if (this.now() - conversation.lastSeen <= this.limits.idleMs) return false;
    this.open.delete(conversation.id);
    return true;
  }
}
