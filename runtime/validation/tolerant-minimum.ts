/**
 * What tolerant mode still requires of each root, per flavor: the properties
 * a value cannot be used without. Everywhere else a missing required
 * property is a warning in tolerant mode (providers leave out what they do
 * not use); a root missing one of these, or holding null there, is an error.
 *
 * Each entry names only properties the flavor's strict schema requires
 * (tolerant mode never asks more than strict), and every recorded body and
 * event in ../shared/fixtures/recorded has them
 * (test/validation/tolerant-minimum.test.ts checks both). The table in docs/validation.md
 * is rendered from this object (scripts/tolerant-minimum-doc.mjs).
 */
import type { Issue } from './issues.js';
import { esc } from './pointers.js';

export interface TolerantMinimum {
  /** Properties the root must have, not null, in tolerant mode too. */
  readonly require: readonly string[];
  /** Why: what a caller cannot do without them, and what the recordings show. */
  readonly why: string;
}

/** By flavor, then by root schema. A root not listed requires nothing beyond its JSON type. */
export const TOLERANT_MINIMUM: Readonly<Record<string, Readonly<Record<string, TolerantMinimum>>>> = Object.freeze({
  openai: Object.freeze({
    Response: {
      require: ['id', 'output'],
      why: 'The id names the response (previous_response_id, retrieve, the store) and output is what it returned. Every recorded OpenAI and xAI body and every response inside their events has both; status, which a response needs too, is not required by the OpenAI spec, so tolerant mode cannot ask for it.',
    },
    ResponseStreamEvent: {
      require: ['type'],
      why: 'An event is dispatched by its type; without one it means nothing. Every recorded event has it. What each event type carries beyond that (indexes, deltas) is read where present and warned about where missing.',
    },
    CreateResponse: {
      require: [],
      why: 'The spec requires nothing of a request: the model and the input may come from a stored prompt, previous_response_id or a conversation.',
    },
    InputItem: {
      require: [],
      why: 'No one property is common to every input item: a message may come without a type (role and content), an item reference is its id.',
    },
  }),
  openresponses: Object.freeze({
    ResponseResource: {
      require: ['id', 'status', 'output'],
      why: 'The id names the response, status says whether it finished, output is what it returned. Every recorded LM Studio body and every response inside its events has all three.',
    },
    ResponseStreamEvent: {
      require: ['type'],
      why: 'An event is dispatched by its type; without one it means nothing. Every recorded event has it.',
    },
    CreateResponseBody: {
      require: [],
      why: 'The spec requires nothing of a request: a server may default the model, and the input may come from previous_response_id.',
    },
    ItemParam: {
      require: [],
      why: 'No one property is common to every item: an item without a type is an item reference, which is its id.',
    },
  }),
});

const hasOwn = Object.prototype.hasOwnProperty;

/** The entry of a root, if any. */
function entryOf(flavor: string, schema: string): TolerantMinimum | undefined {
  return hasOwn.call(TOLERANT_MINIMUM, flavor) && hasOwn.call(TOLERANT_MINIMUM[flavor], schema) ? TOLERANT_MINIMUM[flavor][schema] : undefined;
}

/** What tolerant mode requires of `schema` in `flavor`, or undefined when nothing. */
export function minimumOf(flavor: string, schema: string): readonly string[] | undefined {
  const require = entryOf(flavor, schema)?.require;
  return require && require.length > 0 ? require : undefined;
}

/**
 * Errors for what `value`, validated tolerantly as a root whose minimum is `require`
 * (`minimumOf`), lacks of it (a non-object has its own error from the tolerant check).
 */
export function missingMinimum(require: readonly string[], value: unknown): Issue[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  let out: Issue[] | undefined;
  for (const name of require) {
    const present = ownValue(value as Record<string, unknown>, name);
    if (present === undefined) (out ??= []).push({ pointer: `/${esc(name)}`, keyword: 'required', message: `missing required property '${name}' (required in tolerant mode too: TOLERANT_MINIMUM)` });
    else if (present === null) (out ??= []).push({ pointer: `/${esc(name)}`, keyword: 'required', message: `expected a value, found null ('${name}' is required in tolerant mode too: TOLERANT_MINIMUM)` });
  }
  return out ?? NONE;
}

/**
 * The own property `name` of `value`, or undefined. Found among the keys for-in lists first: a read
 * by the key for-in gives is a load by field index, where a read by a name in a variable goes
 * through V8's megamorphic stub cache, which the validator that ran just before has filled with
 * other shapes. A key for-in does not list (not enumerable) is read by name.
 */
function ownValue(value: Record<string, unknown>, name: string): unknown {
  for (const key in value) {
    if (key !== name) continue;
    return hasOwn.call(value, key) ? value[key] : undefined;
  }
  return hasOwn.call(value, name) ? value[name] : undefined;
}

const NONE = Object.freeze([]) as unknown as Issue[];
