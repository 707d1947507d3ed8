/**
 * What the control API answers instead of a result. Errors are values, not exceptions: a refused
 * request is normal behaviour of a swarm, and the docker layer prints it.
 */

/** gRPC status codes the swarm control API uses (`google.golang.org/grpc/codes`). */
export type ApiErrorCode =
  | 'InvalidArgument'
  | 'NotFound'
  | 'AlreadyExists'
  | 'FailedPrecondition'
  | 'Unimplemented'
  | 'Unknown';

/**
 * Which layer refused: `swarmkit` errors travel as gRPC statuses and docker prints them as
 * `rpc error: code = <Code> desc = <message>`; `engine` errors come from dockerd itself (object
 * lookups, enum conversion) and docker prints only the message.
 */
export type ApiErrorSource = 'swarmkit' | 'engine';

/** A refused control-API request: gRPC code, message, and which layer refused. */
export class ApiError {
  constructor(
    readonly code: ApiErrorCode,
    readonly message: string,
    readonly source: ApiErrorSource = 'swarmkit',
  ) {}

  /** The text docker prints after `Error response from daemon: `. */
  daemonText(): string {
    return this.source === 'swarmkit'
      ? `rpc error: code = ${this.code} desc = ${this.message}`
      : this.message;
  }
}

/** True when an API call was refused. */
export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

/** Shorthand for the most common refusal. */
export function invalidArgument(message: string): ApiError {
  return new ApiError('InvalidArgument', message);
}
