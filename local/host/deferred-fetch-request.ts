/**
 * The fetch `Request` behind an `HttpRequest`, built only as far as the handler uses it. `HttpRequest` keeps a
 * native request and reads everything through it (url, method, headers, body); the worker's own streaming path
 * hands it one the same way (`nativeRequest`). Building undici's `Request` for every invocation cost about a
 * third of the host's own CPU per request (bench:access profile), most of it checking header values a handler
 * may never read. Here the url and method are plain strings, `Headers` is made on first use, and a real `Request`
 * only when the body is asked for — so a handler sees the same objects and values as before, at the same points.
 */

export class DeferredFetchRequest {
  #headers: Headers | undefined;
  #request: Request | undefined;

  constructor(
    readonly url: string,
    readonly method: string,
    private readonly headerValues: Readonly<Record<string, string>>,
    /** Undefined for GET and HEAD, which cannot carry one. */
    private readonly bodyBytes: Buffer | undefined
  ) {}

  get headers(): Headers {
    this.#headers ??= this.#request ? this.#request.headers : new Headers(this.headerValues);
    return this.#headers;
  }

  get body(): ReadableStream<Uint8Array> | null {
    return this.bodyBytes === undefined && !this.#request ? null : this.request().body;
  }

  get bodyUsed(): boolean {
    return this.#request?.bodyUsed ?? false;
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    return this.request().arrayBuffer();
  }

  blob(): Promise<Blob> {
    return this.request().blob();
  }

  formData(): Promise<FormData> {
    return this.request().formData();
  }

  json(): Promise<unknown> {
    return this.request().json();
  }

  text(): Promise<string> {
    return this.request().text();
  }

  clone(): DeferredFetchRequest | Request {
    // Once the real request exists it holds the body's state (read or not): clone that, as before.
    if (this.#request) return this.#request.clone();
    const copy = new DeferredFetchRequest(this.url, this.method, this.headerValues, this.bodyBytes);
    if (this.#headers) copy.#headers = new Headers(this.#headers);
    return copy;
  }

  private request(): Request {
    // Headers already handed out (and perhaps changed by the handler) go into the request as they are now.
    this.#request ??= new Request(this.url, {
      method: this.method,
      headers: this.#headers ?? this.headerValues,
      body: this.bodyBytes
    });
    return this.#request;
  }
}
