/**
 * Emits `<spec>/types.d.ts`: one exported type per component (JSDoc from its
 * description, title and default), request variants where readOnly /
 * writeOnly make them differ, and per-operation request, response and
 * stream-event types. Strings are built with the escaping helpers only.
 */
import type { EmittedFile, IR, IROperation, Schema } from '../../ir/types.js';
import { jsdoc, propKey, strLit } from './escape.js';
import { Names } from './names.js';
import { docTags, printType, type PrintContext, type View } from './printer.js';
import { aliasCycles, componentsWithVariants } from './variants.js';
import { inDir, type EmitOptions } from '../options.js';

const OPERATIONS = 'Operations';

function pascal(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('') || 'Operation';
}

export function emitTypes(ir: IR, options: Pick<EmitOptions, 'dir'> = { dir: ir.pin.spec }): EmittedFile[] {
  const componentNames = Object.keys(ir.schemas);
  const names = new Names(componentNames, [OPERATIONS]);
  const variants = componentsWithVariants(ir.schemas);
  const requestNames = new Map<string, string>();
  for (const c of componentNames) if (variants.has(c)) requestNames.set(c, names.claim(`${names.of(c)}Request`));
  const cycles = aliasCycles(ir.schemas);

  const ctxFor = (view: View): PrintContext => ({
    view,
    refType: (component, v) => (v === 'request' && requestNames.has(component) ? requestNames.get(component)! : names.of(component)),
  });

  const out: string[] = [];
  for (const c of componentNames) {
    const schema = ir.schemas[c];
    const doc = jsdoc(typeof schema.description === 'string' ? schema.description : undefined, docTags(schema), '');
    const body = (view: View) => (cycles.has(c) ? 'unknown' : printType(schema, ctxFor(view)));
    out.push(`${doc}export type ${names.of(c)} = ${body('response')};\n`);
    if (requestNames.has(c)) {
      out.push(`${jsdoc(`The request form of {@link ${names.of(c)}}: without its readOnly properties.`, [], '')}export type ${requestNames.get(c)} = ${body('request')};\n`);
    }
  }
  out.push(emitOperations(ir.operations, names, ctxFor));
  return [{ path: inDir(options.dir, 'types.d.ts'), header: 'ts', contents: out.join('\n') }];
}

function emitOperations(operations: IROperation[], names: Names, ctxFor: (v: View) => PrintContext): string {
  const entries: string[] = [];
  const aliases: string[] = [];
  const firstJson = (byType: Record<string, Schema> | undefined) =>
    byType && (byType['application/json'] ?? Object.entries(byType).find(([t]) => t !== 'text/event-stream')?.[1]);
  for (const op of operations) {
    const fields: string[] = [`    method: ${strLit(op.method)};`, `    path: ${strLit(op.path)};`];
    const reqSchema = op.requestBody ? firstJson(op.requestBody.content) : undefined;
    const ok = Object.keys(op.responses).sort()[0];
    const resSchema = ok ? firstJson(op.responses[ok]) : undefined;
    const eventSchema = ok ? op.responses[ok]['text/event-stream'] : undefined;
    const base = pascal(op.id);
    const add = (field: string, suffix: string, schema: Schema | undefined, view: View) => {
      if (!schema) return;
      const type = printType(schema, ctxFor(view), '    ');
      fields.push(`    ${field}: ${type};`);
      const alias = `${base}${suffix}`;
      if (!names.has(alias)) aliases.push(`${jsdoc(`${suffix.replace(/([A-Z])/g, ' $1').trim()} of operation \`${op.id}\` (${op.method.toUpperCase()} ${op.path}).`, [], '')}export type ${names.claim(alias)} = ${OPERATIONS}[${strLit(op.id)}][${strLit(field)}];\n`);
    };
    add('requestBody', 'RequestBody', reqSchema, 'request');
    add('response', 'Response', resSchema, 'response');
    add('streamEvent', 'StreamEvent', eventSchema, 'response');
    const doc = op.summary ? jsdoc(op.summary, [], '  ') : '';
    entries.push(`${doc}  ${propKey(op.id)}: {\n${fields.join('\n')}\n  };`);
  }
  const iface = `${jsdoc('Every operation of the spec, by operation id.', [], '')}export interface ${OPERATIONS} {\n${entries.join('\n')}\n}\n`;
  return [iface, ...aliases].join('\n');
}
