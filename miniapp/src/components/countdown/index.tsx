import { useEffect, useState } from 'react';
import { Text } from '@tarojs/components';
import { formatDuration } from '../../utils/time';

interface Props {
  /** ISO instant to count down to. */
  until: string;
  /** Words before the remaining time, e.g. 距放号还有. */
  prefix: string;
  onDone?: () => void;
  className?: string;
  testId?: string;
}

/** A countdown that ticks each second and calls onDone once when the instant passes. */
export function Countdown({ until, prefix, onDone, className, testId }: Props) {
  const target = Date.parse(until);
  const [now, setNow] = useState(Date.now());
  /* biome-ignore lint/correctness/useExhaustiveDependencies: onDone is read once the time is up; a new callback each
     render must not restart the tick */
  useEffect(() => {
    if (now >= target) {
      onDone?.();
      return;
    }
    const t = setTimeout(() => setNow(Date.now()), 1000 - (Date.now() % 1000));
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [now, target]);
  if (now >= target) return null;
  return (
    <Text className={className} data-testid={testId}>
      {prefix} {formatDuration(target - now)}
    </Text>
  );
}
