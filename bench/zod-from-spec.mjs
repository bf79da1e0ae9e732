/**
 * A plain JSON-Schema-to-zod-4 translation of a normalized spec, for the
 * validation benchmark only (kubb's zod plugin, which OpenResponses uses, is
 * not installed here). It maps what a generator like kubb maps: objects with
 * optional properties, unions as z.union, refs as z.lazy, nullables as
 * unions with z.null(), enums and consts as literals.
 */
import { z } from 'zod';
import { buildIRFromFile } from '../generator/dist/pipeline.js';

export async function zodFromSpec(file) {
  const ir = buildIRFromFile(file, { spec: 'openresponses' });
  const out = {};
  const ref = (name) => z.lazy(() => out[name]);
  const conv = (s) => {
    if (s === true || s === undefined) return z.unknown();
    if (typeof s.$ref === 'string') return ref(decodeURIComponent(s.$ref.slice('#/$defs/'.length)));
    if ('const' in s) return z.literal(s.const);
    if (Array.isArray(s.enum)) return s.enum.length === 1 ? z.literal(s.enum[0]) : z.union(s.enum.map((v) => z.literal(v)));
    const members = s.oneOf ?? s.anyOf;
    if (members) return members.length === 1 ? conv(members[0]) : z.union(members.map(conv));
    if (s.allOf) return s.allOf.map(conv).reduce((a, b) => a.and(b));
    const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : s.properties ? ['object'] : [];
    const one = (t) => {
      switch (t) {
        case 'string': return z.string();
        case 'integer': return z.number().int();
        case 'number': return z.number();
        case 'boolean': return z.boolean();
        case 'null': return z.null();
        case 'array': return z.array(conv(s.items));
        case 'object': {
          const req = new Set(s.required ?? []);
          const shape = {};
          for (const [k, v] of Object.entries(s.properties ?? {})) shape[k] = req.has(k) ? conv(v) : conv(v).optional();
          const obj = z.object(shape);
          return s.additionalProperties && s.additionalProperties !== true ? obj.catchall(conv(s.additionalProperties)) : obj;
        }
        default: return z.unknown();
      }
    };
    return types.length === 0 ? z.unknown() : types.length === 1 ? one(types[0]) : z.union(types.map(one));
  };
  for (const [name, schema] of Object.entries(ir.schemas)) out[name] = conv(schema);
  return out;
}
