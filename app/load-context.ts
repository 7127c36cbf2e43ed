// What the Express server passes to every loader and action (see server.js).
export interface CapQualiteContext {
  clientIp: string;
  /** The Content-Security-Policy nonce of this answer, for Remix's inline scripts. */
  cspNonce: string;
}

declare module "@remix-run/node" {
  interface AppLoadContext {
    clientIp?: string;
    cspNonce?: string;
  }
}
