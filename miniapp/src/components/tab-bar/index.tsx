import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEdition } from '../../edition/use-edition';
import { TABS, tabSelection } from '../../features/tabs';
import './index.scss';

/**
 * The app's own tab bar, where the platform's cannot meet the elder edition's 18 pt words and 60 pt
 * targets: WeChat and Alipay host it as their custom tab bar (src/custom-tab-bar), Baidu's tab pages
 * draw it themselves (platform/tab-bar.swan.ts). H5 styles Taro's bar instead.
 */
export function TabBar() {
  const { elder } = useEdition();
  const [current, setCurrent] = useState(tabSelection.current);
  useEffect(() => tabSelection.subscribe(setCurrent), []);
  return (
    <View className={`tab-bar${elder ? ' tab-bar--elder' : ''}`} role="tablist">
      {TABS.map((t, i) => (
        <View
          key={t.route}
          className={`tab-bar__item${i === current ? ' tab-bar__item--on' : ''}`}
          role="tab"
          aria-selected={i === current}
          onClick={() => {
            if (i !== current) void Taro.switchTab({ url: t.route });
          }}
        >
          <Text className="tab-bar__label">{t.label}</Text>
        </View>
      ))}
    </View>
  );
}
