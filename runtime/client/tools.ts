/**
 * Tools: JSON tool definitions pass through; chat-completions-style
 * `{type: "function", function: {...}}` tools are flattened to the Responses
 * shape; `defineTool` is the TypeScript form of any-llm's callable tools
 * (parameters as JSON Schema or a Standard Schema, plus `execute`).
 */
import { AnyResponsesError } from '../core/errors.js';
import { InvalidOptionError } from '../core/usage-errors.js';
import type { StandardSchemaV1 } from './standard-schema-types.js';
import { isStandardSchema, standardToJsonSchema, standardValidate, type JsonSchema } from './standard-schema.js';

export interface ToolDefinition<Args = unknown, Result = unknown> {
  readonly kind: 'anyresponses.tool';
  readonly name: string;
  readonly description?: string;
  /** The JSON Schema sent to the provider. */
  readonly parameters: JsonSchema;
  readonly strict?: boolean;
  /** Checks and types the model's arguments (Standard Schema only; JSON Schema arguments are passed as parsed). */
  parseArguments(raw: string): Promise<Args>;
  execute(args: Args): Result | Promise<Result>;
}

export interface DefineToolOptions<Args, Result> {
  name: string;
  description?: string;
  parameters: JsonSchema | StandardSchemaV1<unknown, Args>;
  /**
   * Strict schema adherence (OpenAI's structured tool calling). Default false:
   * strict mode needs every property required and no extra properties, which
   * an arbitrary schema does not promise. Always sent, since the OpenAI spec
   * requires the field.
   */
  strict?: boolean;
  execute: (args: Args) => Result | Promise<Result>;
}

/** A tool call's arguments that do not parse as JSON or do not match the tool's parameters. */
export class ToolArgumentsError extends AnyResponsesError {
  constructor(
    readonly tool: string,
    readonly rawArguments: string,
    message: string,
  ) {
    super(`tool '${tool}': ${message}`);
    this.name = 'ToolArgumentsError'; // explicit: a minifier renames classes
  }
}

export function defineTool<Args = Record<string, unknown>, Result = unknown>(options: DefineToolOptions<Args, Result>): ToolDefinition<Args, Result> {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(options.name)) {
    throw new InvalidOptionError(`tool name '${options.name}' must be 1-64 letters, digits, '_' or '-'`, 'name');
  }
  const standard = isStandardSchema(options.parameters) ? (options.parameters as StandardSchemaV1<unknown, Args>) : undefined;
  const parameters = standard ? standardToJsonSchema(standard, 'input') : (options.parameters as JsonSchema);
  return {
    kind: 'anyresponses.tool',
    name: options.name,
    description: options.description,
    parameters,
    strict: options.strict,
    async parseArguments(raw) {
      let value: unknown;
      try {
        value = raw.trim() === '' ? {} : JSON.parse(raw);
      } catch (e) {
        throw new ToolArgumentsError(options.name, raw, `arguments are not valid JSON (${(e as Error).message})`);
      }
      if (!standard) return value as Args;
      const checked = await standardValidate(standard, value);
      if ('issues' in checked) {
        throw new ToolArgumentsError(options.name, raw, checked.issues.map((i) => `${i.path || '/'}: ${i.message}`).join('; '));
      }
      return checked.value;
    },
    execute: options.execute,
  };
}

export function isToolDefinition(value: unknown): value is ToolDefinition {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'anyresponses.tool';
}

/** A tool in any accepted form: wire JSON, chat-completions style, or `defineTool`. */
export type ToolInput = Record<string, unknown> | ToolDefinition<any, any>;

/** Every defineTool option's default. */
export const TOOL_DEFAULTS = { strict: false };

/** The wire form of every tool (pure). */
export function toWireTools(tools: readonly ToolInput[]): Array<Record<string, unknown>> {
  return tools.map((tool, i) => {
    if (isToolDefinition(tool)) {
      return {
        type: 'function',
        name: tool.name,
        ...(tool.description !== undefined ? { description: tool.description } : {}),
        parameters: tool.parameters,
        strict: tool.strict ?? TOOL_DEFAULTS.strict,
      };
    }
    if (tool === null || typeof tool !== 'object') throw new InvalidOptionError(`tools[${i}]: expected an object`, `tools[${i}]`);
    const { function: fn, ...rest } = tool as Record<string, unknown>;
    if (rest.type === 'function' && fn !== null && typeof fn === 'object') return { ...rest, ...(fn as Record<string, unknown>), type: 'function' };
    return tool as Record<string, unknown>;
  });
}
