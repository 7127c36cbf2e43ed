// Whether React runs in the browser yet: what only a script can do (keyboard moves, saving on
// change) is offered once it does, so that a page without JavaScript never promises it.
import { useEffect, useState } from "react";

export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
