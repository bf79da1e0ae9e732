/**
 * The boundary where anything leaves the library. Each call has one
 * Boundary: it learns the call's secrets as the call learns them (the key
 * in use, the values of credential headers, the user info of apiBase), and
 * every error the call throws or a stream rejects with, and every warning
 * passed to `onWarnings`, goes through its Redactor. The Redactor is built
 * only when something is about to leave: a call that succeeds without
 * warnings pays for none of it. Issues are also capped here
 * (`limits.maxIssues`, and a message length), so a hostile body cannot make
 * a warning of megabytes.
 */
import { Redactor } from '../core/redact.js';
import { headerSecrets, urlSecrets } from '../core/secrets.js';
import type { Issue } from '../validation/issues.js';

/** The longest issue message handed out (the rest is cut, with '...'). */
export const ISSUE_MESSAGE_MAX = 1_000;

interface Known {
  apiKey?: string;
  apiBase?: string;
  clientArgs?: { headers?: Record<string, string> };
}

interface Connected {
  secrets: readonly string[];
  headers: Record<string, string>;
  baseURL: string;
}

export class Boundary {
  private conn: Connected | undefined;
  private authHeader: string | undefined;
  private built: Redactor | undefined;

  constructor(private readonly options: Known) {}

  /** What a connection resolved: the key (from the env too), its headers, its base URL; the provider's auth header by name. */
  connected(conn: Connected, authHeader?: string): void {
    this.conn = conn;
    this.authHeader = authHeader;
    this.built = undefined;
  }

  get redactor(): Redactor {
    if (this.built === undefined) {
      const o = this.options;
      const r = new Redactor([o.apiKey, ...urlSecrets(o.apiBase), ...headerSecrets(o.clientArgs?.headers)]);
      if (this.conn) r.add(this.conn.secrets).add(headerSecrets(this.conn.headers, this.authHeader ? [this.authHeader] : [])).add(urlSecrets(this.conn.baseURL));
      this.built = r;
    }
    return this.built;
  }

  /** Runs a call; whatever it throws leaves redacted. */
  async run<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (e) {
      throw this.redactor.error(e);
    }
  }

  /** An error, redacted in place (for a stream's rejections). */
  error(e: unknown): unknown {
    return this.redactor.error(e);
  }

  /** Warnings on their way to onWarnings: capped, cut and redacted. */
  issues(issues: readonly Issue[], max: number): Issue[] {
    return boundedIssues(issues, max, this.redactor);
  }
}

const cut = (s: string) => (s.length > ISSUE_MESSAGE_MAX ? `${s.slice(0, ISSUE_MESSAGE_MAX - 3)}...` : s);

/** At most `max` issues (and one more saying how many were left out), each cut to length and, with a redactor, redacted. */
export function boundedIssues(issues: readonly Issue[], max: number, redactor?: Redactor): Issue[] {
  const n = Math.min(issues.length, max);
  const out: Issue[] = new Array(n);
  for (let k = 0; k < n; k++) {
    const i = issues[k];
    const issue = { ...i, pointer: cut(i.pointer), message: cut(i.message) };
    out[k] = redactor ? redactor.value(issue) : issue;
  }
  if (issues.length > n) out.push({ pointer: '', keyword: 'limit', message: `and ${issues.length - n} more issues (limits.maxIssues is ${max})` });
  return out;
}
