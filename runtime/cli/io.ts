/** What a CLI command gets to talk to; injectable so tests can capture output. */
export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export const processIO: CliIO = {
  stdout: (s) => void process.stdout.write(s.endsWith('\n') ? s : s + '\n'),
  stderr: (s) => void process.stderr.write(s.endsWith('\n') ? s : s + '\n'),
};

/** Thrown for bad usage; main prints it with the usage line and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
