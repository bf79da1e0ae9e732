/** An error in a spec document, named by the file and the JSON pointer of the problem (`openapi.json#/components/schemas/A/type: ...`). */
export class DocumentError extends Error {
  constructor(
    readonly origin: string,
    readonly pointer: string,
    message: string,
  ) {
    super(`${origin}#${pointer}: ${message}`);
    this.name = 'DocumentError';
  }
}
