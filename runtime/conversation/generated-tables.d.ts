/**
 * Before the first `npm run generate` (a fresh clone builds first), the
 * input item tables (`generated/<flavor>/input-items.js`, reached through
 * package.json's `#input-items/*` imports) do not exist yet. This pattern
 * declaration stands in for them; TypeScript uses a pattern module only when
 * no file resolves, so once generated the real declarations are checked.
 */
declare module '#input-items/*' {
  export const INPUT_ITEMS: string;
}
