import type { PropsWithChildren } from 'react';
import { Button, Text } from '@tarojs/components';
import { tapProps } from '../../platform/tap';
import './index.scss';

interface Props {
  kind?: 'primary' | 'secondary' | 'danger' | 'link';
  onClick?: () => void;
  disabled?: boolean;
  /** Shows the button busy and ignores taps (a request is under way). */
  busy?: boolean;
  block?: boolean;
  testId?: string;
  openType?: 'share' | 'contact' | 'getPhoneNumber';
  className?: string;
}

/** The app's button: one look per kind, ≥ 44 pt tall (60 pt in the elder edition). */
export function ActionButton({
  kind = 'primary',
  onClick,
  disabled,
  busy,
  block,
  testId,
  className,
  children,
}: PropsWithChildren<Props>) {
  const off = Boolean(disabled || busy);
  const classes = ['action', `action--${kind}`, block ? 'action--block' : '', off ? 'action--off' : '', className ?? '']
    .filter(Boolean)
    .join(' ');
  return (
    <Button
      className={classes}
      disabled={off}
      aria-disabled={off}
      loading={busy}
      data-testid={testId}
      {...tapProps(() => {
        if (!off) onClick?.();
      })}
    >
      {/* The label in an element of its own: Taro's H5 button inserts its loading icon beside it,
          and a bare text child (which React replaces whole when it changes) would pull that
          node away from under it (a NotFoundError from insertBefore). */}
      <Text className="action__label">{children}</Text>
    </Button>
  );
}
