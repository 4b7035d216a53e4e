import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEdition } from '../edition/use-edition';
import { TABS, tabSelection } from '../features/tabs';
import './index.scss';

/**
 * The tab bar of WeChat and Alipay (app.config.ts: `custom`): their own bar has a fixed small
 * font, below the elder edition's 18 pt words and 60 pt targets. H5 styles Taro's bar instead.
 */
export default function CustomTabBar() {
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
