// containerd's error classes (errdefs) as they cross a socket: a code and the
// text Go's client prints after errgrpc.FromGRPC, which ends in the class
// (": not found", ": unknown", ...). Each hop wraps the message once.

import type { RpcCode, RpcResponse } from './api.ts';

const CLASS_TEXT: Record<RpcCode, string> = {
  NotFound: 'not found', AlreadyExists: 'already exists', InvalidArgument: 'invalid argument',
  FailedPrecondition: 'failed precondition', Unavailable: 'unavailable', Unknown: 'unknown',
};

/** An error with its errdefs class; `desc` is the message without the class suffix. */
export class RpcFailure extends Error {
  constructor(readonly code: RpcCode, readonly desc: string) {
    super(`${desc}: ${CLASS_TEXT[code]}`);
    this.name = 'RpcFailure';
  }
  /** The same class, the description prefixed (fmt.Errorf("prefix: %w", err)). */
  wrap(prefix: string): RpcFailure { return new RpcFailure(this.code, `${prefix}: ${this.desc}`); }
}

export const notFound = (desc: string) => new RpcFailure('NotFound', desc);
export const alreadyExists = (desc: string) => new RpcFailure('AlreadyExists', desc);
export const invalidArgument = (desc: string) => new RpcFailure('InvalidArgument', desc);
export const failedPrecondition = (desc: string) => new RpcFailure('FailedPrecondition', desc);
export const unknown = (desc: string) => new RpcFailure('Unknown', desc);

export function toFailure(e: unknown): RpcFailure {
  if (e instanceof RpcFailure) return e;
  return unknown(e instanceof Error ? e.message : String(e));
}

export function errorResponse(e: unknown): RpcResponse {
  const f = toFailure(e);
  return { ok: false, error: { code: f.code, message: f.message } };
}
