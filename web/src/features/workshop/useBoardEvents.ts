import { useEffect, useRef, useState } from 'react';

/**
 * Subscribes to the workshop's live events (Server-Sent Events): `onChange` runs on every change the
 * server publishes, and again after a dropped connection comes back (changes may have been missed
 * while it was down). EventSource reconnects by itself; the hook reports whether it is connected.
 */
export function useBoardEvents(onChange: () => void): { connected: boolean } {
  const [connected, setConnected] = useState(false);
  const callback = useRef(onChange);
  useEffect(() => {
    callback.current = onChange;
  });
  useEffect(() => {
    let opened = false;
    const source = new EventSource('/api/workshop/board/events');
    source.addEventListener('ready', () => {
      setConnected(true);
      if (opened) callback.current(); // a reconnect: catch up
      opened = true;
    });
    source.addEventListener('changed', () => callback.current());
    source.onerror = () => setConnected(false);
    return () => source.close();
  }, []);
  return { connected };
}
