/**
 * `finish_reason` -> the response's status. `length` and `content_filter`
 * make the response `incomplete` with the matching `incomplete_details`
 * (its last item is then `incomplete` too); DeepSeek's
 * `insufficient_system_resource` fails it; everything else completes it.
 */
import type { IncompleteDetails } from 'anyresponses/openresponses';

export interface Outcome {
  status: 'completed' | 'incomplete' | 'failed';
  incomplete: IncompleteDetails | null;
  error: { code: string; message: string } | null;
}

/** Each finish_reason the bridge treats specially, and what it becomes. */
export const FINISH_REASONS: Readonly<Record<string, Outcome>> = Object.freeze({
  stop: { status: 'completed', incomplete: null, error: null },
  tool_calls: { status: 'completed', incomplete: null, error: null },
  function_call: { status: 'completed', incomplete: null, error: null },
  length: { status: 'incomplete', incomplete: { reason: 'max_output_tokens' }, error: null },
  content_filter: { status: 'incomplete', incomplete: { reason: 'content_filter' }, error: null },
  insufficient_system_resource: {
    status: 'failed',
    incomplete: null,
    error: { code: 'server_error', message: 'the provider stopped: insufficient_system_resource' },
  },
});

const COMPLETED: Outcome = FINISH_REASONS.stop;

/** The outcome of a finish reason; a missing or unknown one completes (the provider ended the answer normally). */
export function outcomeOf(finishReason: string | null | undefined): Outcome {
  return (finishReason && Object.prototype.hasOwnProperty.call(FINISH_REASONS, finishReason) ? FINISH_REASONS[finishReason] : COMPLETED);
}
