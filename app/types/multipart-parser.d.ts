// The package ships types that its "exports" map does not expose; this is the part we use.
declare module "@web3-storage/multipart-parser" {
  export function streamMultipart(body: ReadableStream<Uint8Array>, boundary: string): AsyncGenerator<unknown>;
}
