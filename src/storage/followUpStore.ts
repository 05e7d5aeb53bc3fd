import type { ConversationReference, Storage } from 'botbuilder';
import { z } from 'zod';
import { KeyedQueue } from '../keyedQueue.js';
import { FollowUpRecordSchema, emptyFollowUps } from '../domain/followUps.js';
import { isETagConflict } from './readETagStorage.js';

/**
 * Each user's watchlist, saved searches and sent notifications, with the conversation to write to
 * without being asked. Kept in the state storage (file, memory or Azure Blob), so that several
 * instances share it; every change is a conditional write on the eTag read, retried on conflict.
 * The storage cannot list keys, so an index document names every user that has follow-ups.
 */

/** Checks what sending needs; the rest of the reference is kept as the channel gave it. */
const SendableSchema = z.looseObject({ channelId: z.string().min(1), serviceUrl: z.string().min(1), conversation: z.looseObject({ id: z.string().min(1) }) });
const ReferenceSchema = z.custom<Partial<ConversationReference>>((value) => SendableSchema.safeParse(value).success, { error: 'needs channelId, serviceUrl and conversation.id' });

const DocumentSchema = z.object({ record: FollowUpRecordSchema, reference: ReferenceSchema.optional() });
const IndexSchema = z.object({ users: z.array(z.string()) });

export type StoredReference = z.infer<typeof ReferenceSchema>;
export type FollowUpDocument = z.infer<typeof DocumentSchema>;

/**
 * The turn's conversation reference as stored; undefined when the channel left out what sending needs.
 * Without the activity id: a reminder is a new message, not a reply to whatever the user clicked weeks ago.
 */
export const storedReference = (reference: Partial<ConversationReference>): StoredReference | undefined =>
  ReferenceSchema.safeParse({ ...reference, activityId: undefined }).data;

const INDEX_KEY = 'followups/index';
const documentKey = (user: string) => `followups/user/${user}`;
const CONFLICT_ATTEMPTS = 8;
const INDEX_ATTEMPTS = 30;


/** The stored document is not what this version writes: refused with the key, never overwritten silently. */
export class FollowUpDocumentInvalid extends Error {
  constructor(key: string, detail: string) {
    super(`follow-up document ${key} is invalid: ${detail}`);
  }
}

export class FollowUpStore {
  /** Writes of one user, and of the index, run one after another in this process. */
  private readonly queue = new KeyedQueue();
  /** Users this process has listed: checked again by `repairIndex`, as another instance may have overwritten a new index. */
  private readonly listedHere = new Set<string>();

  constructor(private readonly storage: Storage) {}

  /** A user across conversations of one channel: the watchlist follows the person, not the chat. */
  static userOf(activity: { channelId?: string; from?: { id?: string } }): string | null {
    const channel = activity.channelId;
    const user = activity.from?.id;
    return channel && user ? `${channel}/${user}` : null;
  }

  async users(): Promise<string[]> {
    return (await this.readIndex()).users;
  }

  async read(user: string): Promise<FollowUpDocument | undefined> {
    return (await this.readWithETag(user))?.document;
  }

  /**
   * Reads, changes and writes one user's document on the eTag it was read with; on a conflict the
   * change is applied again to what the other writer left. `change` returns null to write nothing.
   * The user is then listed in the index, also when an earlier listing got lost.
   */
  update(user: string, change: (document: FollowUpDocument) => FollowUpDocument | null): Promise<FollowUpDocument | null> {
    return this.queue.run(documentKey(user), async () => {
      for (let attempt = 1; ; attempt += 1) {
        const current = await this.readWithETag(user);
        const changed = change(current?.document ?? { record: emptyFollowUps() });
        if (changed === null) return null;
        const key = documentKey(user);
        try {
          await this.storage.write({ [key]: { ...DocumentSchema.parse(changed), ...(current === undefined ? {} : { eTag: current.eTag }) } });
        } catch (error) {
          if (!isETagConflict(error) || attempt >= CONFLICT_ATTEMPTS) throw error;
          await pause(attempt);
          continue;
        }
        if (!this.listedHere.has(user)) await this.list([user]);
        return changed;
      }
    });
  }

  /** Deletes everything kept for the user and takes them off the index: nothing is sent to them any more. */
  remove(user: string): Promise<boolean> {
    return this.queue.run(documentKey(user), async () => {
      // A document this version cannot read is the user's too: it goes as well.
      const existed = await this.readWithETag(user).then(
        (found) => found !== undefined,
        (error: unknown) => {
          if (error instanceof FollowUpDocumentInvalid) return true;
          throw error;
        },
      );
      await this.storage.delete([documentKey(user)]);
      this.listedHere.delete(user);
      await this.queue.run(INDEX_KEY, async () => {
        for (let attempt = 1; attempt <= INDEX_ATTEMPTS; attempt += 1) {
          const index = await this.readIndex();
          if (!index.users.includes(user)) return;
          try {
            await this.storage.write({ [INDEX_KEY]: { users: index.users.filter((listed) => listed !== user), ...(index.eTag === undefined ? {} : { eTag: index.eTag }) } });
          } catch (error) {
            if (!isETagConflict(error)) throw error;
            await pause(attempt);
          }
        }
        throw new Error(`could not take ${user} off ${INDEX_KEY}: too many concurrent writers`);
      });
      return existed;
    });
  }

  /** Lists again the users this process listed, should another instance's first index write have replaced them. */
  async repairIndex(): Promise<void> {
    if (this.listedHere.size === 0) return;
    // Only users whose document is still there: a user removed by another instance stays removed.
    const keys = [...this.listedHere].map(documentKey);
    const stored = await this.storage.read(keys);
    const present = [...this.listedHere].filter((user) => stored[documentKey(user)] !== undefined);
    for (const user of this.listedHere) if (!present.includes(user)) this.listedHere.delete(user);
    if (present.length > 0) await this.list(present);
  }

  /**
   * Adds users to the index with conditional writes, one writer at a time in this process. Only the
   * very first write of the index has no eTag to be checked against; `repairIndex` covers that case.
   */
  private list(users: string[]): Promise<void> {
    return this.queue.run(INDEX_KEY, async () => {
      for (let attempt = 1; attempt <= INDEX_ATTEMPTS; attempt += 1) {
        const index = await this.readIndex();
        const missing = users.filter((user) => !index.users.includes(user));
        if (missing.length === 0) {
          for (const user of users) this.listedHere.add(user);
          return;
        }
        try {
          await this.storage.write({ [INDEX_KEY]: { users: [...index.users, ...missing], ...(index.eTag === undefined ? {} : { eTag: index.eTag }) } });
        } catch (error) {
          if (!isETagConflict(error)) throw error;
          await pause(attempt);
        }
      }
      throw new Error(`could not list ${users.length} user(s) in ${INDEX_KEY}: too many concurrent writers`);
    });
  }

  private async readIndex(): Promise<{ users: string[]; eTag: string | undefined }> {
    const item = (await this.storage.read([INDEX_KEY]))[INDEX_KEY] as Record<string, unknown> | undefined;
    const parsed = IndexSchema.safeParse(item);
    if (item !== undefined && !parsed.success) throw new FollowUpDocumentInvalid(INDEX_KEY, parsed.error.issues.map((issue) => issue.message).join('; '));
    return { users: parsed.data?.users ?? [], eTag: typeof item?.eTag === 'string' ? item.eTag : undefined };
  }

  private async readWithETag(user: string): Promise<{ document: FollowUpDocument; eTag: string } | undefined> {
    const key = documentKey(user);
    const item = (await this.storage.read([key]))[key] as Record<string, unknown> | undefined;
    if (item === undefined) return undefined;
    const parsed = DocumentSchema.safeParse(item);
    if (!parsed.success) throw new FollowUpDocumentInvalid(key, parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
    return { document: parsed.data, eTag: typeof item.eTag === 'string' ? item.eTag : '*' };
  }
}

/** A short, growing, random wait: writers that collided do not collide again at once. */
const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * Math.min(attempt, 10)));
