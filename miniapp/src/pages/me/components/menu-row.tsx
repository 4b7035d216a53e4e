import { Text, View } from '@tarojs/components';
import { tapProps } from '../../../platform/tap';

interface Props {
  label: string;
  /** What the row holds now, e.g. the bound phone or 已开启. */
  value?: string;
  onTap: () => void;
  testId?: string;
}

/** One line of the settings list: a label, its current value and an arrow; the whole row is the button. */
export function MenuRow({ label, value, onTap, testId }: Props) {
  return (
    <View className="me__row" data-testid={testId} {...tapProps(onTap)}>
      <Text className="me__row-label">{label}</Text>
      <View className="me__row-end">
        {value && <Text className="me__row-value">{value}</Text>}
        <Text className="me__row-arrow" aria-hidden="true">
          ›
        </Text>
      </View>
    </View>
  );
}
