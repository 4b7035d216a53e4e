import { Text, View } from '@tarojs/components';
import './index.scss';
import { tapProps } from '../../platform/tap';

interface Props {
  name: string;
  levelName: string;
  district: string;
  address?: string;
  onOpen: () => void;
}

/** A hospital in a list: tapping it opens the hospital. */
export function HospitalCard({ name, levelName, district, address, onOpen }: Props) {
  return (
    <View className="hospital-card" data-testid="hospital-item" {...tapProps(onOpen)}>
      <Text className="hospital-card__name">{name}</Text>
      <View className="hospital-card__meta">
        <Text className="hospital-card__level">{levelName}</Text>
        <Text className="hospital-card__district">{district}</Text>
      </View>
      {address && <Text className="hospital-card__address">{address}</Text>}
    </View>
  );
}
