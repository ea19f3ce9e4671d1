import { ApiClientError } from "@apiclients/problem";

/**
 * A client was created with options it cannot use. The message names the option and what is
 * wrong with it, and never repeats a credential.
 */
export class ClientConfigError extends ApiClientError {
  override name = "ClientConfigError";
  constructor(
    /** The option at fault, e.g. "apiKey" or "headers.X-Trace". */
    readonly option: string,
    problem: string,
  ) {
    super(`${option}: ${problem}`);
  }
}
