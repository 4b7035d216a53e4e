import type { PropsWithChildren } from 'react';
import { Text, View } from '@tarojs/components';
import './index.scss';

/** A white card with an optional heading: the building block of every page. */
export function Section({
  title,
  extra,
  children,
  className,
}: PropsWithChildren<{ title?: string; extra?: React.ReactNode; className?: string }>) {
  return (
    <View className={`section ${className ?? ''}`}>
      {(title || extra) && (
        <View className="section__head">
          {title && <Text className="section__title">{title}</Text>}
          {extra}
        </View>
      )}
      {children}
    </View>
  );
}
