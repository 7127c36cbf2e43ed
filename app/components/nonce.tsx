// The Content-Security-Policy nonce of the answer being rendered (set by server.js, given to
// React by entry.server.tsx). In the browser it is empty: scripts are already trusted there.
import { createContext, useContext } from "react";

export const NonceContext = createContext<string | undefined>(undefined);

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}
