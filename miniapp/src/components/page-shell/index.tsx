import type { PropsWithChildren } from 'react';
import { View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import { useEdition } from '../../edition/use-edition';
import { tabIndexOf, tabSelection } from '../../features/tabs';
import { platformNavigation } from '../../platform/navigation-bar';
import { platformTabBar } from '../../platform/tab-bar';
import { BackHeader } from '../back-header';
import { TabBar } from '../tab-bar';
import './index.scss';

interface Props {
  className?: string;
  /** Fixed at the bottom of the screen: the page's one primary action. */
  footer?: React.ReactNode;
}

/** Every page's root: the edition class (`elder`), the platform font factor, and room for a bottom action. */
export function PageShell({ className, footer, children }: PropsWithChildren<Props>) {
  const { elder, scale } = useEdition();
  const path = useRouter().path;
  const tabPage = tabIndexOf(path) >= 0;
  useDidShow(() => {
    tabSelection.show(path);
    if (tabPage) platformTabBar.onTabPageShow();
  });
  const classes = [
    'page',
    elder ? 'elder' : '',
    footer ? 'page--with-footer' : '',
    tabPage && platformTabBar.drawsOwnBar ? 'page--with-tab-bar' : '',
    className ?? '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <View className={classes} style={scale !== 1 ? `--fs:${scale}` : undefined}>
      {platformNavigation.drawsBackHeader && !tabPage && <BackHeader />}
      {children}
      {footer && <View className="page-footer">{footer}</View>}
      {tabPage && platformTabBar.inPage && <TabBar />}
    </View>
  );
}
