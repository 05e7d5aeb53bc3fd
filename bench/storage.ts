import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryStorage, type Storage } from 'botbuilder';
import { FileStorage } from '../src/storage/fileStorage.js';
import { median } from './stats.js';

/**
 * Section "speicher": what the state storage costs a turn on its own – one read and one write of
 * a conversation's state with its eTag, as botbuilder does them, for 32 conversations at once. The
 * `file` storage (the default) against botbuilder's MemoryStorage (the dialog echo bot's), in
 * alternating rounds; CPU time of this process, its file system threads included.
 */

const CONVERSATIONS = 32;
const TURNS = 200;
const ROUNDS = 5;
/** About the size of a conversation's state after a search (3–4 KB). */
const STATE = {
  dialogState: {
    dialogStack: [{ id: 'main', state: { dialogs: { dialogStack: [{ id: 'search', state: { values: { kept: 'x'.repeat(3000) } } }] } } }],
  },
};

interface Sample {
  cpuUs: number;
  wallUs: number;
}

export interface StorageResult {
  conversations: number;
  /** Turns measured per storage, over all rounds. */
  turns: number;
  file: { cpuUsPerTurn: number; wallUsPerTurn: number };
  memory: { cpuUsPerTurn: number; wallUsPerTurn: number };
  ratio: number;
}

async function round(storage: Storage): Promise<Sample> {
  const keys = Array.from({ length: CONVERSATIONS }, (_, index) => `emulator/conversations/bench-${index}`);
  const turn = async (key: string, number: number) => {
    const eTag = ((await storage.read([key]))[key] as { eTag?: string } | undefined)?.eTag ?? '*';
    await storage.write({ [key]: { ...STATE, number, eTag } });
  };
  for (let number = 0; number < 5; number += 1) await Promise.all(keys.map((key) => turn(key, number)));
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let number = 0; number < TURNS; number += 1) await Promise.all(keys.map((key) => turn(key, number)));
  const used = process.cpuUsage(cpu);
  const turns = TURNS * CONVERSATIONS;
  return { cpuUs: (used.user + used.system) / turns, wallUs: ((performance.now() - started) * 1000) / turns };
}

export async function benchStorage(): Promise<StorageResult> {
  const samples = { file: [] as Sample[], memory: [] as Sample[] };
  for (let index = 0; index < ROUNDS; index += 1) {
    const directory = mkdtempSync(join(tmpdir(), 'foerderlotse-bench-storage-'));
    try {
      samples.file.push(await round(new FileStorage(directory)));
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
    samples.memory.push(await round(new MemoryStorage()));
  }
  const summary = (list: Sample[]) => ({
    cpuUsPerTurn: median(list.map((sample) => sample.cpuUs)),
    wallUsPerTurn: median(list.map((sample) => sample.wallUs)),
  });
  const file = summary(samples.file);
  const memory = summary(samples.memory);
  return {
    conversations: CONVERSATIONS,
    turns: TURNS * CONVERSATIONS * ROUNDS,
    file,
    memory,
    ratio: file.cpuUsPerTurn / memory.cpuUsPerTurn,
  };
}
