import { PAY_CHANNEL_LABELS, PAY_CHANNELS } from '@cityhealth/shared-types/labels';
import { App, DatePicker, Form, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { messageOf } from '../../api/api-error';
import { callOperation } from '../../api/client';

type Channel = (typeof PAY_CHANNELS)[number];

interface Props {
  open: boolean;
  initialDate: Dayjs;
  onClose(): void;
  onDone(date: string): void;
}

/** 重新对账 (administrators): fetch one channel's bill of a day again and compare it with the platform's records. */
export function RunDialog({ open, initialDate, onClose, onDone }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ date: Dayjs; channel: Channel }>();
  const [running, setRunning] = useState(false);

  const run = async () => {
    const { date, channel } = await form.validateFields();
    const day = date.format('YYYY-MM-DD');
    setRunning(true);
    try {
      const result = await callOperation('runReconciliation', { params: { date: day }, body: { channel } });
      const discrepancies = result.billLines - result.counts.matched;
      message.success(
        `${PAY_CHANNEL_LABELS[channel]} ${day} 已重新对账：账单 ${result.billLines} 笔，一致 ${result.counts.matched} 笔` +
          (discrepancies > 0 ? `，差异 ${Math.max(0, discrepancies)} 笔` : ''),
      );
      onDone(day);
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setRunning(false);
    }
  };

  return (
    <Modal
      title="重新对账"
      open={open}
      okText="开始对账"
      cancelText="取消"
      confirmLoading={running}
      onOk={run}
      onCancel={onClose}
      destroyOnHidden
    >
      <p>重新下载所选渠道当日的账单，与平台记录逐笔核对，结果替换该日该渠道原有的对账结果。</p>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ date: initialDate, channel: 'wechat' satisfies Channel }}
      >
        <Form.Item label="账单日期" name="date" rules={[{ required: true, message: '请选择账单日期' }]}>
          <DatePicker disabledDate={(d) => !d.isBefore(dayjs(), 'day')} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="支付渠道" name="channel" rules={[{ required: true, message: '请选择支付渠道' }]}>
          <Select options={PAY_CHANNELS.map((c) => ({ value: c, label: PAY_CHANNEL_LABELS[c] }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
