import { Input, Text, View } from '@tarojs/components';
import './index.scss';

interface Props {
  label: string;
  value: string;
  onInput: (value: string) => void;
  type?: 'text' | 'number' | 'idcard' | 'digit';
  placeholder?: string;
  maxlength?: number;
  /** The message under the field (the API's or the form's own). */
  error?: string;
  testId?: string;
  disabled?: boolean;
  /** Shown beside the input, e.g. a 获取验证码 button. */
  addon?: React.ReactNode;
}

/** A labelled text field with its error underneath. */
export function Field({
  label,
  value,
  onInput,
  type = 'text',
  placeholder,
  maxlength,
  error,
  testId,
  disabled,
  addon,
}: Props) {
  return (
    <View className={`field${error ? ' field--invalid' : ''}`}>
      <Text className="field__label">{label}</Text>
      <View className="field__row">
        <Input
          className="field__input"
          value={value}
          type={type}
          placeholder={placeholder}
          placeholderClass="field__placeholder"
          maxlength={maxlength}
          disabled={disabled}
          aria-label={label}
          data-testid={testId}
          onInput={(e) => onInput(e.detail.value)}
        />
        {addon}
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
