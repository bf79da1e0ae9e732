/**
 * Schema names (components, properties, content types) are data from the
 * spec, so they are used as keys only through these: `__proto__` stays an
 * own property instead of setting a prototype, and `constructor` or
 * `toString` are never found on Object.prototype.
 */
export const hasOwn = (obj: object, key: string): boolean => Object.prototype.hasOwnProperty.call(obj, key);

/** `obj[key] = value`, as an own, enumerable data property even for `__proto__`. */
export function setOwn<T>(obj: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  else obj[key] = value;
}

/** `obj[key]` when `key` is an own property, else undefined. */
export const getOwn = <T>(obj: Record<string, T>, key: string): T | undefined => (hasOwn(obj, key) ? obj[key] : undefined);
