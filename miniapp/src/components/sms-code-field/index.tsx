import { ActionButton } from '../action-button';
import { Field } from '../field';

interface Props {
  value: string;
  onInput: (value: string) => void;
  error?: string;
  /** Seconds before another code may be asked for (0: now). */
  secondsLeft: number;
  sending: boolean;
  onSend: () => void;
  testId: string;
  sendTestId: string;
}

/** The 6-digit SMS code with its 获取验证码 / 重新发送(42s) button beside it. */
export function SmsCodeField({ value, onInput, error, secondsLeft, sending, onSend, testId, sendTestId }: Props) {
  return (
    <Field
      label="验证码"
      value={value}
      onInput={onInput}
      type="number"
      maxlength={6}
      placeholder="6 位数字"
      error={error}
      testId={testId}
      addon={
        <ActionButton kind="secondary" busy={sending} disabled={secondsLeft > 0} onClick={onSend} testId={sendTestId}>
          {secondsLeft > 0 ? `重新发送(${secondsLeft}s)` : '获取验证码'}
        </ActionButton>
      }
    />
  );
}
