/** `output_text`: the text of the assistant's `output_text` parts, joined (as openai-node's convenience). */

type Item = { type?: unknown; role?: unknown; content?: unknown };

export function outputText(response: { output?: unknown }): string {
  const parts: string[] = [];
  for (const item of (Array.isArray(response.output) ? response.output : []) as Item[]) {
    if (item?.type !== 'message' || (item.role !== undefined && item.role !== 'assistant') || !Array.isArray(item.content)) continue;
    for (const c of item.content as Array<{ type?: unknown; text?: unknown }>) if (c?.type === 'output_text' && typeof c.text === 'string') parts.push(c.text);
  }
  return parts.join('');
}

/** The response with `output_text` set (a new object; the input is not changed). */
export function withOutputText<R extends { output?: unknown }>(response: R): R & { output_text: string } {
  return { ...response, output_text: outputText(response) };
}

/** Sets `output_text` on a response the caller owns (one it parsed itself), without copying it. */
export function setOutputText<R extends { output?: unknown }>(response: R): R & { output_text: string } {
  (response as R & { output_text: string }).output_text = outputText(response);
  return response as R & { output_text: string };
}
