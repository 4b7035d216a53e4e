import { Text, View } from '@tarojs/components';
import './index.scss';

interface Props {
  kind?: 'error' | 'info' | 'warning' | 'success';
  text: string;
  testId?: string;
}

/** A message inside the page (no pop-ups: they are easy to miss and hard to dismiss for older patients). */
export function Notice({ kind = 'info', text, testId }: Props) {
  return (
    <View className={`notice notice--${kind}`} role={kind === 'error' ? 'alert' : 'status'} data-testid={testId}>
      <Text className="notice__text">{text}</Text>
    </View>
  );
}
