/**
 * The root of the error hierarchy, `AnyResponsesError`, and the errors of the
 * validation runtime itself. It lives here, not in `core/`, because the
 * validation runtime and the package root are two bundles
 * (scripts/bundle-root.mjs) that both throw it: the root imports every
 * `validation/` module from the validation bundle, so the class exists once
 * and `instanceof AnyResponsesError` holds for every error either throws.
 * `core/errors.ts` re-exports it with the rest of the hierarchy.
 */

export interface ErrorInit {
  provider?: string;
  status?: number;
  code?: string | null;
  param?: string | null;
  type?: string | null;
  requestId?: string;
  body?: unknown;
  cause?: unknown;
}

export class AnyResponsesError extends Error {
  readonly provider?: string;
  readonly status?: number;
  readonly code?: string | null;
  readonly param?: string | null;
  readonly type?: string | null;
  readonly requestId?: string;
  readonly body?: unknown;

  constructor(message: string, init: ErrorInit = {}) {
    super(message, init.cause !== undefined ? { cause: init.cause } : undefined);
    this.name = new.target.name;
    this.provider = init.provider;
    this.status = init.status;
    this.code = init.code;
    this.param = init.param;
    this.type = init.type;
    this.requestId = init.requestId;
    this.body = init.body;
  }
}

/** A schema name the spec does not have (`validate('Respons', ...)`); the message suggests near names. */
export class UnknownSchemaError extends AnyResponsesError {
  constructor(
    message: string,
    readonly spec: string,
    readonly schema: string,
  ) {
    super(message);
  }
}

/** A spec name that is not known or not loaded (`getSpec('openapi')`). */
export class UnknownSpecError extends AnyResponsesError {
  constructor(
    message: string,
    readonly spec: string,
  ) {
    super(message);
  }
}

/**
 * A function of the library called with an argument it cannot take (`toInputItems(42)`). Here,
 * beside the root, because generated flavor modules bind such functions too: one class for both.
 */
export class InvalidArgumentError extends AnyResponsesError {}
