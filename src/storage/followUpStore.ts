import type { ConversationReference } from 'botbuilder';
import { z } from 'zod';
import { KeyedQueue } from '../common/keyedQueue.js';
import { FollowUpRecordSchema, emptyFollowUps } from '../domain/followUps.js';
import { type ListableStorage, isUnreadable } from './listableStorage.js';
import { isETagConflict } from './readETagStorage.js';
import type { Logger } from '../common/logger.js';

/**
 * Each user's watchlist, saved searches and sent notifications, with the conversation to write to
 * without being asked. Kept in the state storage (file, memory or Azure Blob), so that several
 * instances share it; every change is a conditional write on the eTag read, retried on conflict.
 * The users are the documents under one prefix, listed by the storage: no shared document has to
 * be changed when a user comes or goes.
 */

/** Checks what sending needs; the rest of the reference is kept as the channel gave it. */
const text = z.string().max(512);
const AccountSchema = z.object({ id: text, name: text.optional(), aadObjectId: text.optional(), role: text.optional() });

/**
 * What sending needs, and what the channel may use to route it, in bounded text; anything else the
 * incoming activity carried is left out of what is kept for weeks.
 */
const SendableSchema = z.object({
  channelId: z.string().min(1).max(512),
  serviceUrl: z.string().min(1).max(2048),
  conversation: z.object({
    id: z.string().min(1).max(512),
    conversationType: text.optional(),
    tenantId: text.optional(),
    isGroup: z.boolean().optional(),
    name: text.optional(),
  }),
  user: AccountSchema.optional(),
  bot: AccountSchema.optional(),
  locale: text.optional(),
});
const ReferenceSchema = SendableSchema.transform((reference) => reference as Partial<ConversationReference>);

const DocumentSchema = z.object({ record: FollowUpRecordSchema, reference: ReferenceSchema.optional() });

export type StoredReference = z.infer<typeof ReferenceSchema>;
export type FollowUpDocument = z.infer<typeof DocumentSchema>;

/**
 * The turn's conversation reference as stored; undefined when the channel left out what sending needs.
 * Without the activity id: a reminder is a new message, not a reply to whatever the user clicked weeks ago.
 */
export const storedReference = (reference: Partial<ConversationReference>): StoredReference | undefined =>
  ReferenceSchema.safeParse(reference).data;

const USER_PREFIX = 'followups/user/';
/** Where earlier versions listed every user; read by nothing now. */
const FORMER_INDEX_KEY = 'followups/index';
const documentKey = (user: string) => `${USER_PREFIX}${user}`;
/** Where a document this version cannot read is kept for inspection; not listed as a user. */
const setAsideKey = (user: string) => `followups/unreadable/${user}`;
const CONFLICT_ATTEMPTS = 8;

/** The stored document is not what this version writes: refused with the key, never overwritten silently. */
export class FollowUpDocumentInvalid extends Error {
  constructor(key: string, detail: string) {
    super(`follow-up document ${key} is invalid: ${detail}`);
  }
}

export interface FollowUpStoreOptions {
  /**
   * The bot process repairs: a document it cannot read is kept aside (logged) and the user starts
   * afresh, so that one broken file never stops the user, or the reminders of everyone. Without it
   * (the command line beside the bot, which changes nothing) such a document is refused by name.
   */
  repair?: { logger: Pick<Logger, 'error'> };
}

export class FollowUpStore {
  /** Writes of one user run one after another in this process. */
  private readonly queue = new KeyedQueue();

  constructor(
    private readonly storage: ListableStorage,
    private readonly options: FollowUpStoreOptions = {},
  ) {}

  /** A user across conversations of one channel: the watchlist follows the person, not the chat. */
  static userOf(activity: { channelId?: string; from?: { id?: string } }): string | null {
    const channel = activity.channelId;
    const user = activity.from?.id;
    return channel && user ? `${channel}/${user}` : null;
  }

  /** Every user with a follow-up document, sorted. */
  async users(): Promise<string[]> {
    return (await this.storage.keys(USER_PREFIX)).map((key) => key.slice(USER_PREFIX.length));
  }

  async read(user: string): Promise<FollowUpDocument | undefined> {
    return (await this.readWithETag(user))?.document;
  }

  /**
   * Reads, changes and writes one user's document on the eTag it was read with; on a conflict the
   * change is applied again to what the other writer left. `change` returns null to write nothing.
   */
  update(user: string, change: (document: FollowUpDocument) => FollowUpDocument | null): Promise<FollowUpDocument | null> {
    return this.queue.run(documentKey(user), async () => {
      for (let attempt = 1; ; attempt += 1) {
        const current = await this.readWithETag(user);
        const changed = change(current?.document ?? { record: emptyFollowUps() });
        if (changed === null) return null;
        const key = documentKey(user);
        try {
          await this.storage.write({
            [key]: { ...DocumentSchema.parse(changed), ...(current === undefined ? {} : { eTag: current.eTag }) },
          });
        } catch (error) {
          if (!isETagConflict(error) || attempt >= CONFLICT_ATTEMPTS) throw error;
          await pause(attempt);
          continue;
        }
        return changed;
      }
    });
  }

  /** Deletes everything kept for the user: nothing is sent to them any more. Says whether there was anything. */
  remove(user: string): Promise<boolean> {
    return this.queue.run(documentKey(user), async () => {
      const key = documentKey(user);
      // A document this version cannot read, or the storage could not, is the user's too: it goes as well.
      const existed = (await this.storage.read([key]))[key] !== undefined;
      // The former index named the user too; it goes whole, as nothing reads it.
      await this.storage.delete([key, setAsideKey(user), FORMER_INDEX_KEY]);
      return existed;
    });
  }

  private async readWithETag(user: string): Promise<{ document: FollowUpDocument; eTag: string } | undefined> {
    const key = documentKey(user);
    const item = (await this.storage.read([key]))[key] as Record<string, unknown> | undefined;
    // The storage could not read it and set it aside: the user starts afresh.
    if (item === undefined || isUnreadable(item)) return undefined;
    const parsed = DocumentSchema.safeParse(item);
    if (parsed.success) return { document: parsed.data, eTag: typeof item.eTag === 'string' ? item.eTag : '*' };
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    const { repair } = this.options;
    if (repair === undefined) throw new FollowUpDocumentInvalid(key, issues);
    // Not what this version writes (edited by hand, or from a newer version): kept aside, the user starts afresh.
    const kept: Record<string, unknown> = { ...item, setAsideAt: new Date().toISOString() };
    delete kept.eTag;
    await this.storage.write({ [setAsideKey(user)]: kept });
    await this.storage.delete([key]);
    repair.logger.error({ key, keptAs: setAsideKey(user), issues }, 'follow-up document invalid; kept aside, the user starts afresh');
    return undefined;
  }
}

/** A short, growing, random wait: writers that collided do not collide again at once. */
const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * Math.min(attempt, 10)));
