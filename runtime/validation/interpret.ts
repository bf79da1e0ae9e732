/**
 * The tolerant validators: the tolerant-prepared schemas (JSON types,
 * objects and arrays, unions, tag dispatch), derived at run time from the
 * strict schema data a spec ships (tolerant-schemas.ts); this module turns
 * each into a tree of closures the first time it is used (no code
 * generation, nothing at import time). It runs only on the slow path,
 * after a strict validator failed. Its verdicts are checked against
 * `ajv.compile` of the same schemas by the differential tests; its errors
 * have ajv's shape, and paths are built only for errors. It follows a value
 * at most `VALIDATION_LIMITS.maxDepth` levels down and reports `maxDepth` at
 * the first spot below that, so a value nested without end (or one that
 * contains itself) is an error, never a stack overflow.
 */
import type { CompiledValidator } from './bind.js';
import type { RawError } from './issues.js';
import { VALIDATION_LIMITS } from './limits.js';

export type Schema = boolean | { [keyword: string]: unknown };

interface Ctx {
  path: Array<string | number>;
  errors: RawError[];
  /** VALIDATION_LIMITS.maxDepth when this validation began. */
  maxDepth: number;
}

type Check = (data: unknown, ctx: Ctx) => boolean;

const esc = (s: string | number) => String(s).replace(/~/g, '~0').replace(/\//g, '~1');
const pointer = (ctx: Ctx) => (ctx.path.length === 0 ? '' : '/' + ctx.path.map(esc).join('/'));
const fail = (ctx: Ctx, keyword: string, params: Record<string, unknown>): false => {
  ctx.errors.push({ instancePath: pointer(ctx), keyword, params });
  return false;
};
/** Appends `from` to `to` without spreading it into arguments (a long list would overflow the stack). */
function append(to: RawError[], from: RawError[]): void {
  for (let i = 0; i < from.length; i++) to.push(from[i]);
}
/** Descends into `key` of the value at ctx.path, or reports `maxDepth` there when that is too deep. */
function descend(ctx: Ctx, key: string | number, check: Check, child: unknown): boolean {
  ctx.path.push(key);
  const ok = ctx.path.length > ctx.maxDepth ? fail(ctx, 'maxDepth', { limit: ctx.maxDepth }) : check(child, ctx);
  ctx.path.pop();
  return ok;
}
const sub = (ctx: Ctx): Ctx => ({ path: ctx.path, errors: [], maxDepth: ctx.maxDepth });
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const hasOwn = Object.prototype.hasOwnProperty;

const TYPE_TESTS: Record<string, (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  integer: (v) => typeof v === 'number' && Number.isInteger(v),
  boolean: (v) => typeof v === 'boolean',
  null: (v) => v === null,
  array: Array.isArray,
  object: isObject,
};

export class Interpreter {
  private readonly compiled = new Map<string, Check>();

  /**
   * `defs`, or a function that gives a def's schema by name: then each is only made (parsed,
   * derived: tolerant-schemas.ts) on its first use.
   */
  constructor(private readonly source: Record<string, Schema> | ((name: string) => Schema | undefined)) {}

  validator(name: string): CompiledValidator {
    const fn: CompiledValidator = (data: unknown) => {
      const ctx: Ctx = { path: [], errors: [], maxDepth: VALIDATION_LIMITS.maxDepth };
      const ok = this.def(name)(data, ctx);
      fn.errors = ok ? null : ctx.errors;
      return ok;
    };
    return fn;
  }

  private def(name: string): Check {
    let c = this.compiled.get(name);
    if (!c) {
      // Placeholder first, so a recursive definition finds itself.
      let real: Check | undefined;
      this.compiled.set(name, (d, ctx) => real!(d, ctx));
      const schema = typeof this.source === 'function' ? this.source(name) : hasOwn.call(this.source, name) ? this.source[name] : undefined;
      real = this.compile(schema ?? true);
      this.compiled.set(name, real);
      c = real;
    }
    return c;
  }

  private compile(schema: Schema): Check {
    if (schema === true) return () => true;
    if (schema === false) return (_d, ctx) => fail(ctx, 'false schema', {});
    const s = schema;
    const checks: Check[] = [];
    if (typeof s.$ref === 'string') {
      const name = decodeURIComponent(s.$ref.slice('#/$defs/'.length));
      checks.push((d, ctx) => this.def(name)(d, ctx));
    }
    let typeCheck: Check | undefined;
    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
      const tests = types.map((t) => TYPE_TESTS[t] ?? (() => false));
      const params = { type: types.join(',') };
      const one = tests.length === 1 ? tests[0] : undefined;
      typeCheck = one ? (d, ctx) => one(d) || fail(ctx, 'type', params) : (d, ctx) => tests.some((t) => t(d)) || fail(ctx, 'type', params);
    }
    if (Array.isArray(s.enum)) {
      const values = s.enum;
      checks.push((d, ctx) => values.includes(d) || fail(ctx, 'enum', { allowedValues: values }));
    }
    if ('const' in s) checks.push((d, ctx) => d === s.const || fail(ctx, 'const', { allowedValue: s.const }));
    const objectCheck = this.objectCheck(s);
    if (objectCheck) checks.push((d, ctx) => !isObject(d) || objectCheck(d, ctx));
    const arrayCheck = this.arrayCheck(s);
    if (arrayCheck) checks.push((d, ctx) => !Array.isArray(d) || arrayCheck(d, ctx));
    if (Array.isArray(s.allOf)) checks.push(...(s.allOf as Schema[]).map((p) => this.compile(p)));
    if (Array.isArray(s.anyOf)) checks.push(this.anyOf((s.anyOf as Schema[]).map((p) => this.compile(p))));
    if (Array.isArray(s.oneOf)) checks.push(this.oneOf(s));
    if (s.if !== undefined) {
      const cond = this.compile(s.if as Schema);
      const then = s.then !== undefined ? this.compile(s.then as Schema) : undefined;
      const otherwise = s.else !== undefined ? this.compile(s.else as Schema) : undefined;
      checks.push((d, ctx) => {
        const branch = cond(d, sub(ctx)) ? then : otherwise;
        return !branch || branch(d, ctx) || fail(ctx, 'if', {});
      });
    }
    return (d, ctx) => {
      if (typeCheck && !typeCheck(d, ctx)) return false;
      let ok = true;
      for (const c of checks) if (!c(d, ctx)) ok = false;
      return ok;
    };
  }

  private objectCheck(s: Record<string, unknown>): ((d: Record<string, unknown>, ctx: Ctx) => boolean) | undefined {
    const required = Array.isArray(s.required) ? (s.required as string[]) : [];
    const props = new Map<string, Check>();
    for (const [k, v] of Object.entries((s.properties ?? {}) as Record<string, Schema>)) props.set(k, this.compile(v));
    const extra = s.additionalProperties === undefined ? undefined : s.additionalProperties === false ? false : this.compile(s.additionalProperties as Schema);
    if (required.length === 0 && props.size === 0 && extra === undefined) return undefined;
    return (d, ctx) => {
      let ok = true;
      // As in ajv: a property whose value is undefined counts as absent; so does one only inherited (`toString`).
      for (const k of required) if (!hasOwn.call(d, k) || d[k] === undefined) ok = fail(ctx, 'required', { missingProperty: k });
      for (const k in d) {
        if (!hasOwn.call(d, k)) continue;
        const check = props.get(k);
        if (check) {
          if (d[k] === undefined) continue;
          if (!descend(ctx, k, check, d[k])) ok = false;
        } else if (extra === false) ok = fail(ctx, 'additionalProperties', { additionalProperty: k });
        else if (extra && !descend(ctx, k, extra, d[k])) ok = false;
      }
      return ok;
    };
  }

  private arrayCheck(s: Record<string, unknown>): ((d: unknown[], ctx: Ctx) => boolean) | undefined {
    const prefix = Array.isArray(s.prefixItems) ? (s.prefixItems as Schema[]).map((p) => this.compile(p)) : [];
    const items = s.items !== undefined ? this.compile(s.items as Schema) : undefined;
    if (prefix.length === 0 && !items) return undefined;
    return (d, ctx) => {
      let ok = true;
      for (let i = 0; i < d.length; i++) {
        const check = i < prefix.length ? prefix[i] : items;
        if (check && !descend(ctx, i, check, d[i])) ok = false;
      }
      return ok;
    };
  }

  private anyOf(members: Check[]): Check {
    return (d, ctx) => {
      const collected: RawError[] = [];
      for (const m of members) {
        const branch = sub(ctx);
        if (m(d, branch)) return true;
        append(collected, branch.errors);
      }
      append(ctx.errors, collected);
      return fail(ctx, 'anyOf', {});
    };
  }

  private oneOf(s: Record<string, unknown>): Check {
    const members = (s.oneOf as Schema[]).map((m) => ({ raw: m, check: this.compile(m) }));
    const d = s.discriminator as { propertyName: string } | undefined;
    const byTag = new Map<string, Check>();
    if (d) {
      for (const m of members) {
        const p = typeof m.raw === 'object' ? (m.raw.properties as Record<string, Record<string, unknown>> | undefined)?.[d.propertyName] : undefined;
        const tags = p ? (Array.isArray(p.enum) ? (p.enum as string[]) : 'const' in p ? [p.const as string] : []) : [];
        for (const t of tags) if (!byTag.has(t)) byTag.set(t, m.check);
      }
    }
    return (data, ctx) => {
      if (d && isObject(data)) {
        // An own property only: an inherited `constructor` or `toString` is no tag.
        const tag = hasOwn.call(data, d.propertyName) ? data[d.propertyName] : undefined;
        if (typeof tag !== 'string') return fail(ctx, 'discriminator', { error: 'tag', tag: d.propertyName, tagValue: tag });
        const branch = byTag.get(tag);
        return branch ? branch(data, ctx) : fail(ctx, 'discriminator', { error: 'mapping', tag: d.propertyName, tagValue: tag });
      }
      const collected: RawError[] = [];
      let passing = 0;
      for (const m of members) {
        const branch = sub(ctx);
        if (m.check(data, branch)) passing++;
        else append(collected, branch.errors);
      }
      if (passing === 1) return true;
      if (passing === 0) append(ctx.errors, collected);
      return fail(ctx, 'oneOf', { passingSchemas: passing });
    };
  }
}
