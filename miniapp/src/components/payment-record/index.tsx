import { Text, View } from '@tarojs/components';
import type { PaymentRecord } from '@cityhealth/shared-types';
import { paymentRecordView } from '../../features/payment-record';
import './index.scss';

/** One payment: amount and standing, channel and time, then each refund. */
export function PaymentRecordCard({ record, showOrder }: { record: PaymentRecord; showOrder?: boolean }) {
  const v = paymentRecordView(record);
  return (
    <View className="payment-record" data-testid="payment-record" data-status={v.status}>
      {showOrder && (
        <Text className="payment-record__line">
          {record.hospitalName} · {record.departmentName}
        </Text>
      )}
      <Text className={`payment-record__headline payment-record__headline--${v.status}`}>{v.headline}</Text>
      <Text className="payment-record__line">{v.paidLine}</Text>
      {v.refundLines.map((line) => (
        <Text key={line} className="payment-record__line" data-testid="payment-refund">
          {line}
        </Text>
      ))}
      {showOrder && <Text className="payment-record__muted">预约单号：{record.orderNo}</Text>}
    </View>
  );
}
