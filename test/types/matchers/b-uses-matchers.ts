import { expect } from 'vitest';
import { install } from './a-imports-testing-first.js';

export async function check(body: unknown, events: unknown[]) {
  await install(expect);
  expect(body).toMatchSchema('openresponses', 'ResponseResource');
  expect(body).toMatchSchema('openai', 'Response', { mode: 'tolerant' });
  expect(events).toBeValidStream('openai');
  // @ts-expect-error the spec is openai or openresponses
  expect(body).toMatchSchema('gemini', 'Response');
}
