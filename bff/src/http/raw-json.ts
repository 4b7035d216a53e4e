/**
 * A response body that is already JSON text (a cached, pre-serialised view). `bind()` writes it
 * as it is instead of serialising an object again.
 */
export class RawJson {
  constructor(readonly text: string) {}
}
