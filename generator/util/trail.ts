/**
 * Where a walk is, kept cheaply: each visited node records its parent's
 * index and its key there, and a JSON pointer is built only when something
 * needs one (an error). A walk over a whole spec (hundreds of thousands of
 * nodes) then makes no string per node.
 */
import { escapePointerToken } from './pointer.js';

export class Trail {
  private readonly parents: number[] = [];
  private readonly keys: Array<string | number> = [];

  /** `base`: the pointer of the walk's root (`/components/schemas/A`). */
  constructor(private readonly base = '') {}

  /** The root; returns its index. */
  root(): number {
    return this.add(-1, '');
  }

  /** A node under `parent` at `key`; returns its index. */
  add(parent: number, key: string | number): number {
    this.parents.push(parent);
    this.keys.push(key);
    return this.parents.length - 1;
  }

  /** The JSON pointer of node `index`. */
  pointer(index: number): string {
    const tokens: string[] = [];
    for (let i = index; i >= 0 && this.parents[i] >= 0; i = this.parents[i]) tokens.push(`/${escapePointerToken(this.keys[i])}`);
    return this.base + tokens.reverse().join('');
  }
}
