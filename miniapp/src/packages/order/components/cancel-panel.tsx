import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { ActionButton } from '../../../components/action-button';
import { Field } from '../../../components/field';

interface Props {
  /** What the patient is told about cancelling this booking (its deadline, or what passing it means). */
  note: string;
  busy: boolean;
  onConfirm: (reason: string) => void;
}

/** Cancelling asks once more, inside the page (no pop-up), with an optional reason. */
export function CancelPanel({ note, busy, onConfirm }: Props) {
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  if (!asking) {
    return (
      <View className="order__cancel">
        <Text className="order__muted" data-testid="order-cancel-note">
          {note}
        </Text>
        <ActionButton kind="danger" block onClick={() => setAsking(true)} testId="order-cancel">
          取消预约
        </ActionButton>
      </View>
    );
  }
  return (
    <View className="order__cancel order__cancel--asking">
      <Text className="order__cancel-question">确定取消这个预约吗？取消后号源将释放给其他患者。</Text>
      <Field
        label="取消原因（选填）"
        value={reason}
        onInput={setReason}
        maxlength={200}
        placeholder="例如：行程有变"
        testId="order-cancel-reason"
      />
      <View className="order__cancel-actions">
        <ActionButton kind="secondary" onClick={() => setAsking(false)}>
          不取消
        </ActionButton>
        <ActionButton kind="danger" busy={busy} onClick={() => onConfirm(reason.trim())} testId="order-cancel-confirm">
          确认取消
        </ActionButton>
      </View>
    </View>
  );
}
