// How a request reaches the Engine API. In the page and headless, the docker
// program sends requests as messages over /var/run/docker.sock inside the
// simulated kernel; from a real docker binary they arrive as HTTP. Both give
// the same request objects to the same routes.

/** A request as the routes see it. path carries the version prefix: "/v1.50/containers/json". */
export interface ApiRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** A JSON value, or raw bytes (tar archives for /build and archive PUTs). */
  body?: unknown;
  /** Asks to take over the connection afterwards (attach, exec start): the response carries `conn`. */
  upgrade?: boolean;
}

/** A stream of bytes; read() resolves null at the end. */
export interface ByteStream {
  read(): Promise<Uint8Array | null>;
  /** Stops reading early; the producer sees its consumer gone. */
  cancel(): void;
}

/** A hijacked connection: both directions carry raw bytes. */
export interface Conn extends ByteStream {
  write(data: Uint8Array): Promise<void>;
  /** Half-close: the other side reads EOF, this side can still read. */
  closeWrite(): void;
}

export interface ApiResponse {
  status: number;
  headers?: Record<string, string>;
  /** A JSON value (most endpoints), raw bytes, or absent (204). */
  body?: unknown;
  /** A streamed body (logs -f, pull progress, events, wait). */
  stream?: ByteStream;
  /** The connection after an upgrade (attach, exec start). */
  conn?: Conn;
}

export interface Transport {
  request(req: ApiRequest): Promise<ApiResponse>;
}
