/**
 * Load, bounded: 200 concurrent streaming requests against one server; every
 * stream is whole and strictly valid, each answers its own request, and none
 * is lost. A fixed count, no timing assertion.
 */
import { startMockServer } from 'anyresponses/testing';
import { describe, expect, it } from 'vitest';
import { create, streamProblems } from '../support/mock.js';

const COUNT = 200;

describe('load', () => {
  it(`${COUNT} concurrent streams complete, valid and whole`, async () => {
    const server = await startMockServer({ flavor: 'openresponses' });
    try {
      const answers = await Promise.all(Array.from({ length: COUNT }, (_, i) => create(server, { model: 'echo', input: `request number ${i} with a few words`, stream: true })));
      expect(server.requests).toHaveLength(COUNT);
      const ids = new Set<string>();
      answers.forEach((a, i) => {
        expect(a.status).toBe(200);
        expect(streamProblems('openresponses', a.events!)).toEqual([]);
        const final = (a.events!.at(-1) as Record<string, any>).response;
        expect(final.output[0].content[0].text).toBe(`You said: "request number ${i} with a few words".`);
        ids.add(final.id);
      });
      expect(ids.size).toBe(COUNT);
    } finally {
      await server.close();
    }
  });
});
