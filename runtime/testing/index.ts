/** `anyresponses/testing`: helpers for users' own tests. */
export { installMatchers, matchers } from './matchers.js';
