/**
 * The intermediate representation (IR) shared by every stage after `load`.
 *
 * A schema in the IR is a plain JSON Schema 2020-12 object. After `normalize`
 * it obeys the conventions listed on {@link NormalizedSchema}; emitters may
 * rely on them and need not handle the OpenAPI 3.0 habits that `load`
 * tolerates (`nullable`, `$recursiveRef`, wrapper `allOf`s...).
 *
 * The IR is data only: JSON-serialisable (that is what `--dump-ir` prints),
 * never mutated by a later stage (each stage returns new objects).
 */

/** A JSON Schema object, as it comes out of an OpenAPI document. */
export type Schema = { [keyword: string]: unknown };

/**
 * A component schema after normalization. Conventions that hold everywhere
 * inside it (recursively):
 *
 * - References are `{ "$ref": "#/$defs/<Name>" }`, where `<Name>` is a key of
 *   {@link IR.schemas}. A `$ref` may carry annotation siblings only
 *   (`description`, `title`, `default`, `deprecated`, `readOnly`,
 *   `writeOnly`, `examples`, `x-*`); assertion siblings were moved into an
 *   `allOf`.
 * - `nullable` is gone: null is a `{ "type": "null" }` member of an `anyOf`,
 *   or `"null"` inside a `type` array, or `null` in an `enum`.
 * - `$recursiveRef`/`$recursiveAnchor` are gone (rewritten to plain `$ref`).
 * - No single-member `oneOf`/`anyOf`/`allOf` wrappers.
 * - A `discriminator` is kept only beside a `oneOf`/`anyOf` union, and then
 *   always carries `x-tags` (see {@link DiscriminatorTags}); `mapping` is
 *   never present (it would be derived from schema names, which are wrong).
 * - `x-*` extensions, `readOnly`, `writeOnly`, `title`, `default`,
 *   `deprecated` and `description` are kept as they were.
 */
export type NormalizedSchema = Schema;

/**
 * The tags a discriminated union dispatches on, made explicit by normalize.
 * Stored on the union schema as `discriminator["x-tags"]`.
 *
 * `branches[i]` describes member `i` of the union (`oneOf` or `anyOf`, same
 * order): the tag values that select it, read from the `enum`/`const` of its
 * tag property (looking through `$ref` and `allOf`). `tags` is empty when the
 * branch has no literal tag (it can then only be matched by trying it).
 *
 * When several branches share a tag (OpenAI's `message` item: input and
 * output messages), `secondary` names a property whose literal values split
 * them (`role`), with the values per branch.
 */
export interface DiscriminatorTags {
  propertyName: string;
  branches: Array<{ tags: string[]; secondary?: { propertyName: string; values: string[] } }>;
}

export interface SpecPin {
  /** Pin name from `schemas/sources.json`, e.g. `openresponses@2.3.0`. */
  name: string;
  /** Which generated folder and flavor it belongs to. */
  spec: 'openresponses' | 'openai' | string;
  sha256: string;
  version: string;
  url: string;
  /** The component an error body's `error` object follows (`Error`, `ErrorPayload`). */
  errorSchema?: string;
  /** The Responses flavor the spec follows (`openresponses`, `openai`); none for a spec that is not one (`chat`). */
  flavor?: string;
  /** Components kept beside the selected operations' closure (see Pin.roots). */
  roots?: string[];
}

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface IROperation {
  /** `operationId` from the document (or method+path when absent). */
  id: string;
  method: HttpMethod;
  path: string;
  summary?: string;
  /** Path and query parameters, by location. */
  parameters: Array<{ name: string; in: 'path' | 'query' | 'header'; required: boolean; schema: NormalizedSchema }>;
  /** Request body per content type (`application/json`, ...). */
  requestBody?: { required: boolean; content: Record<string, NormalizedSchema> };
  /**
   * Successful (2xx) responses per content type. `text/event-stream` holds the
   * schema of one event (usually a union), not of the whole stream.
   */
  responses: Record<string, Record<string, NormalizedSchema>>;
  /** Error (non-2xx) responses per status and content type. */
  errors: Record<string, Record<string, NormalizedSchema>>;
}

export interface IR {
  pin: SpecPin;
  /** `info.title` of the document. */
  title: string;
  /** Component schemas by name, normalized. Key order is the document's. */
  schemas: Record<string, NormalizedSchema>;
  operations: IROperation[];
}

/**
 * One file produced by an emitter. Emitters are pure: they return these and
 * never touch the filesystem; only the `write` stage does.
 *
 * `path` is relative to `generated/` (for example `openai/types.d.ts`).
 * `header` tells the write stage which comment syntax to prefix the file
 * with the provenance header (input, sha256, generator version): `ts` for
 * `.ts`/`.d.ts`/`.js` (a `//` comment block), `none` for JSON and the like.
 */
export interface EmittedFile {
  path: string;
  contents: string;
  header: 'ts' | 'none';
}
