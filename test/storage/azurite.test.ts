import { existsSync, readdirSync } from 'node:fs';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { afterAll, describe, expect, it } from 'vitest';
import { type Azurite, startAzurite } from '../support/azurite.js';

const isRunning = (pid: number | undefined) => {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('Azurite for the storage tests', () => {
  const started: Azurite[] = [];
  afterAll(async () => {
    for (const azurite of started) await azurite.stop().catch(() => undefined);
  });

  it('starts on disk and in memory side by side, each on its own free loopback port, and stores blobs', async () => {
    const [onDisk, inMemory] = await Promise.all([startAzurite({ persistence: 'disk' }), startAzurite({ persistence: 'memory' })]);
    started.push(onDisk, inMemory);

    expect(onDisk.port).not.toBe(inMemory.port);
    for (const azurite of [onDisk, inMemory]) {
      expect(azurite.connectionString).toBe(
        `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:${azurite.port}/devstoreaccount1;`,
      );
      const storage = new BlobsStorage(azurite.connectionString, 'helper-check');
      await storage.write({ probe: { ok: true } });
      expect(await storage.read(['probe'])).toMatchObject({ probe: { ok: true } });
    }
    expect(readdirSync(onDisk.location).length, 'files of the disk variant').toBeGreaterThan(0);
    expect(readdirSync(inMemory.location), 'files of the in-memory variant').toEqual([]);
  });

  it('stops, leaving neither its process nor its folder behind, and may be stopped twice', async () => {
    const azurite = await startAzurite();
    started.push(azurite);
    expect(isRunning(azurite.pid)).toBe(true);

    const ended = await azurite.stop();
    expect(ended).toMatchObject({ killed: false });
    expect(isRunning(azurite.pid)).toBe(false);
    expect(existsSync(azurite.location)).toBe(false);
    await expect(azurite.stop()).resolves.toMatchObject({ killed: false });
  });
});
