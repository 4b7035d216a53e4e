import type { PropsWithChildren } from 'react';
import { View } from '@tarojs/components';
import { useEdition } from '../../edition/use-edition';
import './index.scss';

interface Props {
  className?: string;
  /** Fixed at the bottom of the screen: the page's one primary action. */
  footer?: React.ReactNode;
}

/** Every page's root: the edition class (`elder`), the platform font factor, and room for a bottom action. */
export function PageShell({ className, footer, children }: PropsWithChildren<Props>) {
  const { elder, scale } = useEdition();
  const classes = ['page', elder ? 'elder' : '', footer ? 'page--with-footer' : '', className ?? '']
    .filter(Boolean)
    .join(' ');
  return (
    <View className={classes} style={scale !== 1 ? `--fs:${scale}` : undefined}>
      {children}
      {footer && <View className="page-footer">{footer}</View>}
    </View>
  );
}
