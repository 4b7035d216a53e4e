import { Text, View } from '@tarojs/components';
import { tapProps } from '../../../platform/tap';

interface Props<T extends string> {
  /** What is chosen, for screen readers, e.g. 报告类别. */
  label: string;
  options: readonly { id: T; label: string }[];
  value: T;
  onChange: (id: T) => void;
  testId: string;
}

/** One choice among a few, as a row of chips (radio buttons: the chosen one is filled and marked ●). */
export function ChoiceChips<T extends string>({ label, options, value, onChange, testId }: Props<T>) {
  return (
    <View className="records__chips" role="radiogroup" aria-label={label}>
      {options.map((o) => {
        const on = o.id === value;
        return (
          <View
            key={o.id || 'all'}
            className={`records__chip${on ? ' records__chip--on' : ''}`}
            aria-checked={on}
            data-testid={testId}
            data-value={o.id}
            {...tapProps(() => onChange(o.id), 'radio')}
          >
            <Text>{o.label}</Text>
          </View>
        );
      })}
    </View>
  );
}
