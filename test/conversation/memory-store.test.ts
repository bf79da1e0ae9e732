/** memoryStore(): the ResponseStore kept in memory, and its bounds (MEMORY_STORE_DEFAULTS). */
import { ConfigurationError, isResponseStore, memoryStore, MEMORY_STORE_DEFAULTS } from 'anyresponses';
import { describe, expect, it } from 'vitest';

const items = (n: number, tag = 'i') => Array.from({ length: n }, (_, k) => ({ type: 'message', id: `${tag}${k}` }));

describe('memoryStore', () => {
  it('keeps responses and conversations, in order, and copies the lists it is given', async () => {
    const store = memoryStore();
    const list = items(2);
    await store.putResponse('r1', list);
    list.push({ type: 'message', id: 'later' });
    expect(await store.getResponse('r1')).toEqual(items(2));
    expect(await store.getResponse('nope')).toBeUndefined();
    await store.appendConversation('c', items(1, 'a'));
    await store.appendConversation('c', items(2, 'b'));
    expect((await store.getConversation('c'))!.map((i) => i.id)).toEqual(['a0', 'b0', 'b1']);
    expect(await store.getConversation('other')).toBeUndefined();
    expect(store.size).toEqual({ responses: 1, conversations: 1, items: 5 });
    expect(isResponseStore(store)).toBe(true);
  });

  it('the defaults are one frozen object', () => {
    expect(MEMORY_STORE_DEFAULTS).toEqual({ maxResponses: 1_000, maxConversations: 1_000, maxItems: 100_000 });
    expect(Object.isFrozen(MEMORY_STORE_DEFAULTS)).toBe(true);
  });

  it.each([
    ['maxResponses: the least recently used response goes (a read counts as a use)', { maxResponses: 2 }, async (s: ReturnType<typeof memoryStore>) => {
      await s.putResponse('a', items(1));
      await s.putResponse('b', items(1));
      await s.getResponse('a');
      await s.putResponse('c', items(1));
    }, { present: ['a', 'c'], gone: ['b'] }],
    ['maxItems: old responses go until the items fit', { maxItems: 5 }, async (s: ReturnType<typeof memoryStore>) => {
      await s.putResponse('a', items(2));
      await s.putResponse('b', items(2));
      await s.putResponse('c', items(3));
    }, { present: ['b', 'c'], gone: ['a'] }],
    ['maxItems: the entry just written stays even when it alone is over the bound', { maxItems: 2 }, async (s: ReturnType<typeof memoryStore>) => {
      await s.putResponse('a', items(1));
      await s.putResponse('big', items(10));
    }, { present: ['big'], gone: ['a'] }],
    ['rewriting a response counts its items once', { maxItems: 4 }, async (s: ReturnType<typeof memoryStore>) => {
      await s.putResponse('a', items(2));
      await s.putResponse('a', items(2));
      await s.putResponse('b', items(2));
    }, { present: ['a', 'b'], gone: [] }],
  ] as const)('%s', async (_name, options, run, want) => {
    const store = memoryStore(options);
    await run(store);
    for (const id of want.present) expect(await store.getResponse(id), id).toBeDefined();
    for (const id of want.gone) expect(await store.getResponse(id), id).toBeUndefined();
  });

  it('maxConversations: the least recently appended conversation goes', async () => {
    const store = memoryStore({ maxConversations: 1 });
    await store.appendConversation('a', items(1));
    await store.appendConversation('b', items(1));
    expect(await store.getConversation('a')).toBeUndefined();
    expect(await store.getConversation('b')).toHaveLength(1);
    expect(store.size.items).toBe(1);
  });

  it.each([
    ['maxResponses', 0],
    ['maxItems', 1.5],
    ['maxConversations', Number.NaN],
    ['maxItems', '10'],
  ])('%s: %s is a ConfigurationError naming the key', (key, value) => {
    expect(() => memoryStore({ [key]: value } as never)).toThrow(ConfigurationError);
    expect(() => memoryStore({ [key]: value } as never)).toThrow(new RegExp(`memoryStore: ${key} must be a whole number of at least 1 \\(or Infinity\\)`));
  });

  it('Infinity turns a bound off', async () => {
    const store = memoryStore({ maxResponses: Infinity });
    for (let k = 0; k < 1_500; k++) await store.putResponse(`r${k}`, []);
    expect(store.size.responses).toBe(1_500);
  });
});
