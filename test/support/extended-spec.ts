/**
 * A spec that extends the pinned OpenResponses spec as its prose says an
 * implementor may ("Extending Open Responses"): the implementor `acme`
 * adds a hosted tool with its own item type (tool `acme:web_lookup`, item
 * `acme:web_lookup_call`, in the item unions of input and output), a
 * content type (`acme:source_card`, in a message's content), a stream
 * event (`acme:trace_event`, with `type` and `sequence_number`), an extra
 * field on the response (`acme_region`) and an extra request parameter
 * (`acme_search_depth`). Built from ../shared/specs at test time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { specsDir } from './shared.js';

type Json = Record<string, any>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

export interface ExtendOptions {
  /** A second version: the trace event gains a required `latency_ms` (for `generate --check` after a change). */
  v2?: boolean;
}

export function extendedSpec(options: ExtendOptions = {}): Json {
  const doc = JSON.parse(readFileSync(join(specsDir, 'openresponses/openapi.json'), 'utf8')) as Json;
  doc.info = { ...doc.info, title: 'Acme Responses', version: options.v2 ? '2026-05-02' : '2026-05-01' };
  const s = doc.components.schemas as Json;

  s.AcmeWebLookupResult = {
    type: 'object',
    required: ['url', 'title'],
    properties: { url: { type: 'string', description: 'Where the result was found.' }, title: { type: 'string' }, snippet: { anyOf: [{ type: 'string' }, { type: 'null' }] } },
  };
  s.AcmeWebLookupCall = {
    type: 'object',
    title: 'Acme web lookup call',
    description: 'A web lookup the acme:web_lookup hosted tool ran: its query, status and results (enough to send it back as input).',
    required: ['type', 'id', 'status', 'query', 'results'],
    properties: {
      type: { type: 'string', enum: ['acme:web_lookup_call'], default: 'acme:web_lookup_call' },
      id: { type: 'string' },
      status: { type: 'string', enum: ['in_progress', 'completed', 'failed'] },
      query: { type: 'string', description: 'What was looked up.' },
      results: { type: 'array', items: ref('AcmeWebLookupResult') },
    },
  };
  s.AcmeWebLookupTool = {
    type: 'object',
    title: 'Acme web lookup',
    description: "Acme's hosted web lookup tool.",
    required: ['type', 'max_results'],
    properties: { type: { type: 'string', enum: ['acme:web_lookup'], default: 'acme:web_lookup' }, max_results: { type: 'integer', minimum: 1, maximum: 20 } },
  };
  s.AcmeWebLookupToolParam = {
    type: 'object',
    required: ['type'],
    properties: { type: { type: 'string', enum: ['acme:web_lookup'], default: 'acme:web_lookup' }, max_results: { type: 'integer', minimum: 1, maximum: 20 } },
  };
  s.AcmeSourceCardContent = {
    type: 'object',
    title: 'Acme source card',
    required: ['type', 'url', 'title'],
    properties: { type: { type: 'string', enum: ['acme:source_card'], default: 'acme:source_card' }, url: { type: 'string' }, title: { type: 'string' } },
  };
  s.AcmeTraceStreamingEvent = {
    type: 'object',
    title: 'Acme trace event',
    description: 'A trace span the acme server reports while it works.',
    required: ['type', 'sequence_number', 'trace_id', ...(options.v2 ? ['latency_ms'] : [])],
    properties: {
      type: { type: 'string', enum: ['acme:trace_event'], default: 'acme:trace_event' },
      sequence_number: { type: 'integer' },
      trace_id: { type: 'string' },
      span: { type: 'string' },
      ...(options.v2 ? { latency_ms: { type: 'integer' } } : {}),
    },
  };

  // The item unions: output (ItemField) and input (ItemParam), so the item can be sent back.
  s.ItemField.oneOf.push(ref('AcmeWebLookupCall'));
  s.ItemParam.oneOf.push(ref('AcmeWebLookupCall'));
  // The tool unions: the spec's Tool and ResponsesToolParam are one-member unions (a $ref with a discriminator).
  s.Tool = { description: s.Tool.description, oneOf: [ref('FunctionTool'), ref('AcmeWebLookupTool')], discriminator: { propertyName: 'type' } };
  s.ResponsesToolParam = { oneOf: [ref('FunctionToolParam'), ref('AcmeWebLookupToolParam')], discriminator: { propertyName: 'type' } };
  // A content type in a message's content.
  s.Message.properties.content.items.oneOf.push(ref('AcmeSourceCardContent'));
  // Extra fields: one on the response, one request parameter.
  s.ResponseResource.properties.acme_region = { type: 'string', enum: ['eu', 'us'], description: 'Where acme served the response.' };
  s.CreateResponseBody.properties.acme_search_depth = { type: 'integer', minimum: 1, maximum: 5, description: 'How deep acme:web_lookup searches.' };
  // The stream event.
  const events = doc.paths['/responses'].post.responses['200'].content['text/event-stream'].schema;
  events.oneOf.push(ref('AcmeTraceStreamingEvent'));
  return doc;
}
