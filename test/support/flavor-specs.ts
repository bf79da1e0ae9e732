/**
 * Both flavor modules' validation API as one type, by flavor, for tests
 * that run the same table over both (each module's own API is typed by its
 * schema names, so a union of the two cannot be called).
 */
import * as openai from 'anyresponses/openai';
import * as openresponses from 'anyresponses/openresponses';
import type { ValidationResult } from 'anyresponses/validation';

export type Flavor = 'openai' | 'openresponses';

export interface Spec {
  schemaNames: readonly string[];
  validate(name: string, value: unknown, options?: { mode?: 'strict' | 'tolerant' }): ValidationResult;
  validateError(value: unknown, options?: { mode?: 'strict' | 'tolerant' }): ValidationResult;
}

export const specs = { openai, openresponses } as unknown as Record<Flavor, Spec>;
