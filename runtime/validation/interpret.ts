/**
 * The tolerant validators: a small interpreter over the tolerant-prepared
 * schemas (JSON types, objects and arrays, unions, tag dispatch), which the
 * generator ships as compact data instead of compiled code. It runs only on
 * the slow path (after a strict validator failed), so interpretive speed is
 * plenty, and it halves what is compiled at generate time and parsed at
 * import time. Its verdicts are checked against `ajv.compile` of the same
 * schemas by the differential tests; its errors have ajv's shape.
 */
import type { CompiledValidator } from './bind.js';
import type { RawError } from './issues.js';

export type Schema = boolean | { [keyword: string]: unknown };

const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

function jsonType(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

function hasType(v: unknown, t: string): boolean {
  switch (t) {
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'object':
      return v !== null && typeof v === 'object' && !Array.isArray(v);
    default:
      return jsonType(v) === t;
  }
}

const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

export class Interpreter {
  constructor(private readonly defs: Record<string, Schema>) {}

  validator(name: string): CompiledValidator {
    const root = this.defs[name];
    const fn: CompiledValidator = (data: unknown) => {
      const errors: RawError[] = [];
      const ok = this.check(root, data, '', errors, 0);
      fn.errors = ok ? null : errors;
      return ok;
    };
    return fn;
  }

  private check(schema: Schema, data: unknown, path: string, errors: RawError[], depth: number): boolean {
    if (schema === true) return true;
    if (schema === false) {
      errors.push({ instancePath: path, keyword: 'false schema', params: {} });
      return false;
    }
    if (depth > 1000) {
      errors.push({ instancePath: path, keyword: 'maxDepth', params: { limit: 1000 } });
      return false;
    }
    const s = schema;
    if (typeof s.$ref === 'string') {
      const target = this.defs[decodeURIComponent(s.$ref.slice('#/$defs/'.length))];
      if (!this.check(target ?? true, data, path, errors, depth + 1)) return false;
    }
    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
      if (!types.some((t) => hasType(data, t))) {
        errors.push({ instancePath: path, keyword: 'type', params: { type: types.join(',') } });
        return false;
      }
    }
    let ok = true;
    if (Array.isArray(s.enum) && !s.enum.some((v) => v === data)) {
      errors.push({ instancePath: path, keyword: 'enum', params: { allowedValues: s.enum } });
      ok = false;
    }
    if ('const' in s && s.const !== data) {
      errors.push({ instancePath: path, keyword: 'const', params: { allowedValue: s.const } });
      ok = false;
    }
    if (hasType(data, 'object')) ok = this.object(s, data as Record<string, unknown>, path, errors, depth) && ok;
    if (Array.isArray(data)) ok = this.array(s, data, path, errors, depth) && ok;
    if (Array.isArray(s.allOf)) for (const part of s.allOf as Schema[]) ok = this.check(part, data, path, errors, depth + 1) && ok;
    if (Array.isArray(s.anyOf)) ok = this.anyOf(s.anyOf as Schema[], data, path, errors, depth) && ok;
    if (Array.isArray(s.oneOf)) ok = this.oneOf(s, data, path, errors, depth) && ok;
    if (s.if !== undefined) {
      const branch = this.check(s.if as Schema, data, path, [], depth + 1) ? s.then : s.else;
      if (branch !== undefined && !this.check(branch as Schema, data, path, errors, depth + 1)) {
        errors.push({ instancePath: path, keyword: 'if', params: {} });
        ok = false;
      }
    }
    return ok;
  }

  private object(s: Record<string, unknown>, data: Record<string, unknown>, path: string, errors: RawError[], depth: number): boolean {
    let ok = true;
    if (Array.isArray(s.required)) {
      for (const k of s.required as string[]) {
        // As in ajv: a property whose value is undefined counts as absent.
        if (data[k] === undefined) {
          errors.push({ instancePath: path, keyword: 'required', params: { missingProperty: k } });
          ok = false;
        }
      }
    }
    const props = (s.properties ?? {}) as Record<string, Schema>;
    for (const k of Object.keys(data)) {
      if (own(props, k)) {
        if (data[k] !== undefined) ok = this.check(props[k], data[k], `${path}/${esc(k)}`, errors, depth + 1) && ok;
      }
      else if (s.additionalProperties !== undefined) {
        if (s.additionalProperties === false) {
          errors.push({ instancePath: path, keyword: 'additionalProperties', params: { additionalProperty: k } });
          ok = false;
        } else ok = this.check(s.additionalProperties as Schema, data[k], `${path}/${esc(k)}`, errors, depth + 1) && ok;
      }
    }
    return ok;
  }

  private array(s: Record<string, unknown>, data: unknown[], path: string, errors: RawError[], depth: number): boolean {
    let ok = true;
    const prefix = Array.isArray(s.prefixItems) ? (s.prefixItems as Schema[]) : [];
    data.forEach((item, i) => {
      const sub = i < prefix.length ? prefix[i] : (s.items as Schema | undefined);
      if (sub !== undefined) ok = this.check(sub, item, `${path}/${i}`, errors, depth + 1) && ok;
    });
    return ok;
  }

  private anyOf(members: Schema[], data: unknown, path: string, errors: RawError[], depth: number): boolean {
    const collected: RawError[] = [];
    for (const m of members) {
      const mine: RawError[] = [];
      if (this.check(m, data, path, mine, depth + 1)) return true;
      collected.push(...mine);
    }
    errors.push(...collected, { instancePath: path, keyword: 'anyOf', params: {} });
    return false;
  }

  private oneOf(s: Record<string, unknown>, data: unknown, path: string, errors: RawError[], depth: number): boolean {
    const members = s.oneOf as Schema[];
    const d = s.discriminator as { propertyName: string } | undefined;
    if (d && hasType(data, 'object')) {
      const tag = (data as Record<string, unknown>)[d.propertyName];
      if (typeof tag !== 'string') {
        errors.push({ instancePath: path, keyword: 'discriminator', params: { error: 'tag', tag: d.propertyName, tagValue: tag } });
        return false;
      }
      const branch = members.find((m) => {
        const p = typeof m === 'object' ? ((m.properties as Record<string, Record<string, unknown>> | undefined)?.[d.propertyName]) : undefined;
        return !!p && ((Array.isArray(p.enum) && p.enum.includes(tag)) || p.const === tag);
      });
      if (!branch) {
        errors.push({ instancePath: path, keyword: 'discriminator', params: { error: 'mapping', tag: d.propertyName, tagValue: tag } });
        return false;
      }
      return this.check(branch, data, path, errors, depth + 1);
    }
    const collected: RawError[] = [];
    let passing = 0;
    for (const m of members) {
      const mine: RawError[] = [];
      if (this.check(m, data, path, mine, depth + 1)) passing++;
      else collected.push(...mine);
    }
    if (passing === 1) return true;
    if (passing === 0) errors.push(...collected);
    errors.push({ instancePath: path, keyword: 'oneOf', params: { passingSchemas: passing } });
    return false;
  }
}
