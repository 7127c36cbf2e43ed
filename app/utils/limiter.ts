// At most N tasks of one kind at a time in this process; the others wait their turn, first come
// first served. For work whose memory is per process (a password hash takes 128 MiB at the
// default cost): a limit shared between instances would not bound any one process's memory.

export interface Limiter {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** tasks running now, and waiting */
  readonly active: number;
  readonly waiting: number;
}

export function createLimiter(slots: number): Limiter {
  if (!Number.isInteger(slots) || slots < 1) throw new Error("createLimiter : au moins une place");
  let active = 0;
  const queue: Array<() => void> = [];
  const release = () => {
    active -= 1;
    const next = queue.shift();
    if (next) {
      active += 1;
      next();
    }
  };
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (active < slots) active += 1;
      else await new Promise<void>((resolve) => queue.push(resolve));
      try {
        return await task();
      } finally {
        release();
      }
    },
    get active() {
      return active;
    },
    get waiting() {
      return queue.length;
    },
  };
}
