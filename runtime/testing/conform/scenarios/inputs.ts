/**
 * What the scenarios send: a function tool, a small PNG and PDF as data
 * URLs, a JSON Schema for structured output, and the scenario's shape.
 */
import type { ScenarioContext } from '../context.js';
import type { Flavor } from '../options.js';

export interface Scenario {
  name: string;
  group: 'requests' | 'streams' | 'operations' | 'errors' | 'websocket';
  /** One line: what it sends and what it checks. */
  title: string;
  /** The flavors whose spec defines what it checks (default both); on another it is skipped. */
  flavors?: readonly Flavor[];
  /** Set when it needs our mock server (a fault, a scripted turn): why; skipped against other servers. */
  mockOnly?: string;
  /** Set when its outcome rests on a model's judgement: what the model must decide. */
  judgement?: string;
  run(ctx: ScenarioContext): Promise<void>;
}

export const weatherTool = {
  type: 'function',
  name: 'get_weather',
  description: 'The current weather in a city.',
  parameters: { type: 'object', properties: { city: { type: 'string', description: 'The city, such as Oslo' } }, required: ['city'], additionalProperties: false },
  strict: true,
} as const;

/** A 1x1 red PNG. */
export const PNG_DATA_URL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';

/** A one-page PDF whose text is `text`, as a data URL (its cross-reference table computed, so readers accept it). */
export function pdfDataUrl(text: string): string {
  const escaped = text.replace(/[\\()]/g, (c) => `\\${c}`);
  const stream = `BT /F1 18 Tf 40 100 Td (${escaped}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return `data:application/pdf;base64,${Buffer.from(pdf, 'latin1').toString('base64')}`;
}

export const citySchema = {
  type: 'object',
  properties: { city: { type: 'string' }, country: { type: 'string' } },
  required: ['city', 'country'],
  additionalProperties: false,
} as const;
