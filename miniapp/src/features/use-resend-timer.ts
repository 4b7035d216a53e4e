import { useEffect, useState } from 'react';

/** Seconds left before an SMS code may be sent again; start(n) after each send. */
export function useResendTimer(): { left: number; start: (seconds: number) => void } {
  const [until, setUntil] = useState(0);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (now >= until) return;
    const t = setTimeout(() => setNow(Date.now()), 1000);
    return () => clearTimeout(t);
  }, [now, until]);
  return {
    left: Math.max(0, Math.ceil((until - now) / 1000)),
    start: (seconds) => {
      setUntil(Date.now() + seconds * 1000);
      setNow(Date.now());
    },
  };
}
