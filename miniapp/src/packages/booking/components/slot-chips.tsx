import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { SlotView } from '@cityhealth/shared-types';
import { ActionButton } from '../../../components/action-button';
import { Section } from '../../../components/section';
import { TimeRange } from '../../../components/time-range';
import { tapProps } from '../../../platform/tap';
import { foldedSlots } from '../confirm.logic';

interface Props {
  free: SlotView[];
  chosen?: string;
  onChoose: (slotId: string | undefined) => void;
}

/** The time windows of a session, folded to the first free ones until the patient asks for all. */
export function SlotChips({ free, chosen, onChoose }: Props) {
  const [unfolded, setUnfolded] = useState(false);
  const folded = foldedSlots(free, chosen);
  const shown = unfolded ? free : folded.shown;
  return (
    <Section title="就诊时段">
      <View className="confirm__slots" data-testid="booking-slots">
        <View
          className={`confirm__slot${chosen ? '' : ' confirm__slot--on'}`}
          aria-pressed={!chosen}
          data-testid="booking-slot-earliest"
          {...tapProps(() => onChoose(undefined))}
        >
          <Text>最早可约</Text>
        </View>
        {shown.map((slot) => (
          <View
            key={slot.id}
            className={`confirm__slot${chosen === slot.id ? ' confirm__slot--on' : ''}`}
            aria-pressed={chosen === slot.id}
            data-testid="booking-slot"
            {...tapProps(() => onChoose(slot.id))}
          >
            <Text>
              <TimeRange startsAt={slot.startsAt} endsAt={slot.endsAt} /> 第{slot.seq}号
            </Text>
          </View>
        ))}
      </View>
      {folded.hidden > 0 && (
        <ActionButton kind="secondary" block onClick={() => setUnfolded(!unfolded)} testId="booking-slots-toggle">
          {unfolded ? '收起' : `展开全部（共 ${free.length} 个时段）`}
        </ActionButton>
      )}
    </Section>
  );
}
