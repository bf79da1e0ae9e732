/**
 * Stable, collision-free identifiers for component names, in document order.
 * A later name that sanitizes to an identifier already taken gets `_2`, `_3`...
 */
import { toIdentifier } from './escape.js';

export class Names {
  private readonly byComponent = new Map<string, string>();
  private readonly taken = new Set<string>();

  constructor(components: string[], reserved: string[] = []) {
    for (const r of reserved) this.taken.add(r);
    for (const name of components) this.byComponent.set(name, this.claim(toIdentifier(name)));
  }

  /** Reserves a fresh identifier based on `wanted`. */
  claim(wanted: string): string {
    let id = wanted;
    for (let i = 2; this.taken.has(id); i++) id = `${wanted}_${i}`;
    this.taken.add(id);
    return id;
  }

  has(id: string): boolean {
    return this.taken.has(id);
  }

  of(component: string): string {
    const id = this.byComponent.get(component);
    if (id === undefined) throw new Error(`no component named '${component}'`);
    return id;
  }
}
