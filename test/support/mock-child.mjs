/**
 * A mock server in a process of its own, for tests that measure its memory: it starts one with
 * the options it is given (argv[2], JSON), sends its URL to the parent, and answers each
 * `memory` message with its memory after a full garbage collection (run it with --expose-gc).
 */
import { startMockServer } from 'anyresponses/testing';

const server = await startMockServer(JSON.parse(process.argv[2] ?? '{}'));
process.on('message', (m) => {
  if (m !== 'memory') return;
  globalThis.gc?.();
  process.send({ memory: process.memoryUsage() });
});
process.on('disconnect', () => void server.close().then(() => process.exit(0)));
process.send({ url: server.url });
