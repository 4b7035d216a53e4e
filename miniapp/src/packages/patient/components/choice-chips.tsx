import { Text, View } from '@tarojs/components';
import { tapProps } from '../../../platform/tap';

interface Props<T extends string> {
  label: string;
  options: readonly { value: T; label: string }[];
  chosen: T | '';
  onChoose: (value: T) => void;
  error?: string;
  testId?: string;
}

/** One choice among a few, as large chips (a radio group): the document type, sex, relation. */
export function ChoiceChips<T extends string>({ label, options, chosen, onChoose, error, testId }: Props<T>) {
  return (
    <View className="patient-form__relations" role="radiogroup" aria-label={label}>
      <Text className="patient-form__label">{label}</Text>
      <View className="patient-form__chips">
        {options.map((o) => (
          <View
            key={o.value}
            className={`patient-form__chip${chosen === o.value ? ' patient-form__chip--on' : ''}`}
            aria-checked={chosen === o.value}
            data-testid={testId ? `${testId}-${o.value}` : undefined}
            {...tapProps(() => onChoose(o.value), 'radio')}
          >
            <Text>{o.label}</Text>
          </View>
        ))}
      </View>
      {error && (
        <View role="alert">
          <Text className="field__error" data-testid={testId ? `${testId}-error` : undefined}>
            {error}
          </Text>
        </View>
      )}
    </View>
  );
}
