import { useCallback, useEffect, useState } from 'react';

/** Seconds left until `start(seconds)` runs out; counts from the clock so a backgrounded tab stays right. */
export const useCountdown = () => {
  const [endsAt, setEndsAt] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const running = endsAt > now;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [running]);
  const start = useCallback((seconds: number) => {
    const at = Date.now();
    setNow(at);
    setEndsAt(at + seconds * 1000);
  }, []);
  return { remaining: running ? Math.ceil((endsAt - now) / 1000) : 0, start };
};
