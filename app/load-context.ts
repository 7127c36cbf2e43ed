// What the Express server passes to every loader and action (see server.js).
export interface CapQualiteContext {
  clientIp: string;
}

declare module "@remix-run/node" {
  interface AppLoadContext {
    clientIp?: string;
  }
}
