/**
 * Names an operation's inline stream-event union, so the event type gets a
 * name users can import. OpenResponses declares the union inline in
 * `POST /responses`; it becomes the component `ResponseStreamEvent`
 * (operation id without a leading `create`, plus `StreamEvent`). An existing
 * component of that name is never replaced.
 */
import type { IR, IROperation } from '../ir/types.js';
import { hasOwn, setOwn } from '../util/own.js';

export function streamEventName(operationId: string): string {
  const base = operationId.replace(/^create(?=[A-Z])/, '');
  return base.charAt(0).toUpperCase() + base.slice(1) + 'StreamEvent';
}

export function nameInlineStreamEvents(ir: IR): IR {
  const schemas = { ...ir.schemas };
  const operations: IROperation[] = ir.operations.map((op) => {
    let changed = false;
    const responses: IROperation['responses'] = {};
    for (const status of Object.keys(op.responses)) {
      const byType = { ...op.responses[status] };
      const events = byType['text/event-stream'];
      if (events && typeof events.$ref !== 'string') {
        const name = streamEventName(op.id);
        if (!hasOwn(schemas, name)) {
          setOwn(schemas, name, events);
          byType['text/event-stream'] = { $ref: `#/$defs/${name}` };
          changed = true;
        }
      }
      responses[status] = byType;
    }
    return changed ? { ...op, responses } : op;
  });
  return { ...ir, schemas, operations };
}
