/** JSON Pointer (RFC 6901) helpers. */

export function escapePointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapePointerToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

export function pointer(tokens: ReadonlyArray<string | number>): string {
  return tokens.length === 0 ? '' : '/' + tokens.map(escapePointerToken).join('/');
}

/** Reads the value at a `#/a/b` or `/a/b` pointer; undefined when absent. */
export function getAtPointer(root: unknown, ptr: string): unknown {
  const body = ptr.startsWith('#') ? ptr.slice(1) : ptr;
  if (body === '') return root;
  let node: unknown = root;
  for (const raw of body.slice(1).split('/')) {
    const token = unescapePointerToken(decodeURIComponent(raw));
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, token)) return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}
