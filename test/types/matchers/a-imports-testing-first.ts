// The first file of this program imports anyresponses/testing and nothing from vitest: the
// matcher types must still be there for b-uses-matchers.ts (issue 15: TS2339 before).
import { installMatchers } from 'anyresponses/testing';

export const install = installMatchers;
