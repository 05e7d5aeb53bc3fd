/**
 * Preloaded (node --expose-gc --import) into the bot process of the memory measurement, nothing
 * else: on the message "measure" from the parent it collects garbage and answers with
 * process.memoryUsage(), so that the figures count what the bot still holds, not what is merely
 * uncollected. The bot itself is started unchanged from dist/src/index.js.
 */
const gc = (globalThis as { gc?: () => void }).gc;

process.on('message', (message) => {
  if (message !== 'measure') return;
  gc?.();
  gc?.();
  process.send?.({ memory: process.memoryUsage(), gc: gc !== undefined });
});
// The IPC channel must not keep the bot alive when it is asked to stop.
process.channel?.unref();
