/**
 * Shares one `abort` listener per signal among any number of waiters. A caller that starts many
 * `get`s with one signal (20 distinct blends for one stream) would otherwise add a listener per
 * call, and Node warns past 10 (`MaxListenersExceededWarning`).
 */
export interface AbortListeners {
  /** Calls `callback` once when `signal` aborts; the returned function cancels that. */
  add(signal: AbortSignal, callback: () => void): () => void;
}

interface Entry {
  callbacks: Set<() => void>;
  listener: () => void;
}

export function createAbortListeners(): AbortListeners {
  const entries = new WeakMap<AbortSignal, Entry>();

  function entryFor(signal: AbortSignal): Entry {
    const existing = entries.get(signal);
    if (existing) return existing;
    const entry: Entry = {
      callbacks: new Set(),
      listener: () => {
        entries.delete(signal);
        for (const callback of entry.callbacks) callback();
      },
    };
    entries.set(signal, entry);
    signal.addEventListener('abort', entry.listener, { once: true });
    return entry;
  }

  return {
    add(signal, callback) {
      const entry = entryFor(signal);
      // Each registration is its own function, so one callback may be added twice.
      const once = () => callback();
      entry.callbacks.add(once);
      return () => {
        entry.callbacks.delete(once);
        if (entry.callbacks.size > 0 || entries.get(signal) !== entry) return;
        entries.delete(signal);
        signal.removeEventListener('abort', entry.listener);
      };
    },
  };
}
