/**
 * The provider's defaults a generated client starts from (the codegen
 * config's `baseURL`, `baseURLEnv` and `auth`), as the runtime's
 * `createSpecClient` takes them. Checked where the config is read.
 */
export interface SpecClientDefaults {
  baseURL?: string;
  baseURLEnv?: string;
  auth?: { style: 'bearer' | 'header' | 'none'; header?: string; env?: string; required?: boolean };
}
