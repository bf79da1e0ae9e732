/** The part of js-yaml 4 the generator uses (it ships no types). */
declare module 'js-yaml' {
  interface LoadOptions {
    schema?: unknown;
    filename?: string;
    json?: boolean;
  }
  const yaml: {
    load(text: string, options?: LoadOptions): unknown;
    JSON_SCHEMA: unknown;
  };
  export default yaml;
}
