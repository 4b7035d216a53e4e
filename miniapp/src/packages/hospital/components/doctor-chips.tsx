import { Text, View } from '@tarojs/components';
import { tapProps } from '../../../platform/tap';
import type { DoctorChoice } from '../department.logic';

interface Props {
  doctors: DoctorChoice[];
  /** The chosen doctor's id; undefined is 全部. */
  chosen: string | undefined;
  onChoose: (doctorId: string | undefined) => void;
}

/** The department page's filter: 全部 (the default) or one doctor's sessions. */
export function DoctorChips({ doctors, chosen, onChoose }: Props) {
  const chip = (id: string | undefined, label: string) => (
    <View
      key={id ?? 'all'}
      className={`doctor-chip${chosen === id ? ' doctor-chip--on' : ''}`}
      aria-pressed={chosen === id}
      data-testid="doctor-chip"
      data-doctor-id={id ?? ''}
      {...tapProps(() => onChoose(id))}
    >
      <Text>{label}</Text>
    </View>
  );
  return (
    <View className="doctor-chips" role="group" aria-label="按医生筛选">
      {chip(undefined, '全部')}
      {doctors.map((d) => chip(d.id, d.name))}
    </View>
  );
}
