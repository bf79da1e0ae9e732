/**
 * A linear-time `pattern` test for the patterns the generator judged
 * super-linear under backtracking (generator/emit/ajv/patterns.ts has the
 * policy and builds the program). The program is a Thompson automaton: the
 * set of live states advances one code point at a time, so a test costs at
 * most the input length times the number of states, whatever the input.
 * Atoms and assertions are one-code-point (or zero-width) regular
 * expressions in their source form, run sticky at one position by the
 * native engine, which is constant time for them.
 */

/** [atom sources, instructions, start]; instructions: [0, atom, next] | [1, a, b] | [2, assertion, next] | [3]. */
export type LinearProgram = readonly [atoms: readonly string[], code: ReadonlyArray<readonly number[]>, start: number];

export interface PatternTester {
  test(value: string): boolean;
}

export function linearPattern(program: LinearProgram): PatternTester {
  const [atoms, code, start] = program;
  let res: RegExp[] | undefined;
  let mark: Uint32Array | undefined;
  let gen = 0;
  const stack: number[] = [];

  /** Adds `pc` and every state reachable from it without consuming (at `pos`) to `into`; true when one matches. */
  function close(s: string, pc: number, pos: number, into: number[]): boolean {
    stack.push(pc);
    while (stack.length > 0) {
      const at = stack.pop()!;
      if (mark![at] === gen) continue;
      mark![at] = gen;
      const ins = code[at];
      switch (ins[0]) {
        case 0:
          into.push(at);
          break;
        case 1:
          stack.push(ins[2], ins[1]);
          break;
        case 2: {
          const re = res![ins[1]];
          re.lastIndex = pos;
          if (re.test(s)) stack.push(ins[2]);
          break;
        }
        default:
          stack.length = 0;
          return true;
      }
    }
    return false;
  }

  return {
    test(value: string): boolean {
      const s = String(value);
      res ??= atoms.map((a) => new RegExp(a, 'uy'));
      mark ??= new Uint32Array(code.length);
      if (gen > 0xfffffff0) {
        mark.fill(0);
        gen = 0;
      }
      gen++;
      let list: number[] = [];
      for (let pos = 0; ; ) {
        // Unanchored, like RegExp#test: a match may start at every position.
        if (close(s, start, pos, list)) return true;
        if (pos >= s.length) return false;
        const width = s.codePointAt(pos)! > 0xffff ? 2 : 1;
        const next: number[] = [];
        gen++;
        for (const at of list) {
          const re = res[code[at][1]];
          re.lastIndex = pos;
          if (re.test(s) && close(s, code[at][2], pos + width, next)) return true;
        }
        list = next;
        pos += width;
      }
    },
  };
}
