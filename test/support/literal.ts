/**
 * Writes a JSON value as a TypeScript expression, one property or element
 * per line, and remembers the JSON pointer of every line, so a compiler
 * diagnostic at line N can be reported as a path into the payload.
 * Keys and strings go through JSON.stringify: payload text stays inert.
 */
import { escapePointerToken } from '../../generator/util/pointer.js';

/** A value printed as `(null as any)`: used to step over a misfit and see what else is there. */
export const ANY = Symbol('any');

export interface Literal {
  text: string;
  /** pointers[i] is the JSON pointer of the value on line i (0-based) of `text`. */
  pointers: string[];
}

export function toLiteral(value: unknown, firstLine = 0): Literal {
  const lines: string[] = [];
  const pointers: string[] = [];
  const emit = (v: unknown, ptr: string, prefix: string, indent: string, suffix: string) => {
    if (v === ANY) {
      lines.push(`${indent}${prefix}(null as any)${suffix}`);
      pointers.push(ptr);
    } else if (Array.isArray(v) && v.length > 0) {
      lines.push(`${indent}${prefix}[`);
      pointers.push(ptr);
      v.forEach((x, i) => emit(x, `${ptr}/${i}`, '', indent + '  ', i < v.length - 1 ? ',' : ''));
      lines.push(`${indent}]${suffix}`);
      pointers.push(ptr);
    } else if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 0) {
      lines.push(`${indent}${prefix}{`);
      pointers.push(ptr);
      const keys = Object.keys(v);
      keys.forEach((k, i) => emit((v as Record<string, unknown>)[k], `${ptr}/${escapePointerToken(k)}`, `${JSON.stringify(k)}: `, indent + '  ', i < keys.length - 1 ? ',' : ''));
      lines.push(`${indent}}${suffix}`);
      pointers.push(ptr);
    } else {
      lines.push(`${indent}${prefix}${JSON.stringify(v)}${suffix}`);
      pointers.push(ptr);
    }
  };
  emit(value, '', '', '', '');
  return { text: lines.join('\n'), pointers: [...new Array(firstLine).fill(''), ...pointers] };
}
