import type { ConsoleSession } from '@cityhealth/shared-types';
import { Alert, App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { fieldErrorsOf, messageOf } from '../../api/api-error';
import { callOperation } from '../../api/client';

interface Props {
  session: ConsoleSession | null;
  onClose(): void;
  onDone(): void;
}

/** 停诊: the reason patients read; every booking is cancelled and paid ones refunded. */
export function StopDialog({ session, onClose, onDone }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [stopping, setStopping] = useState(false);

  const stop = async () => {
    if (!session) return;
    const { reason } = await form.validateFields();
    setStopping(true);
    try {
      const r = await callOperation('stopConsoleSession', { params: { id: session.id }, body: { reason } });
      message.success(
        r.changed ? `已停诊：取消预约 ${r.cancelled} 个，其中 ${r.refunding} 个原路退款` : '该出诊已是停诊状态',
      );
      onDone();
    } catch (e) {
      const fields = fieldErrorsOf(e);
      if (fields.reason) form.setFields([{ name: 'reason', errors: [fields.reason] }]);
      else message.error(messageOf(e));
    } finally {
      setStopping(false);
    }
  };

  return (
    <Modal
      title="停诊"
      open={session !== null}
      okText="确认停诊"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      confirmLoading={stopping}
      onOk={stop}
      onCancel={onClose}
      destroyOnHidden
    >
      {session && (
        <>
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            message={[session.date, session.periodLabel, session.department.name, session.doctor?.name]
              .filter(Boolean)
              .join(' ')}
            description={`该出诊的 ${session.booked} 个预约将全部取消，已支付的挂号费原路退回，并短信告知患者停诊原因。`}
          />
          <Form form={form} layout="vertical" preserve={false}>
            <Form.Item
              label="停诊原因（患者可见）"
              name="reason"
              rules={[
                { required: true, whitespace: true, message: '请填写停诊原因' },
                { min: 2, message: '请填写停诊原因（至少 2 个字），患者会看到' },
                { max: 200, message: '停诊原因最多 200 个字' },
              ]}
            >
              <Input.TextArea rows={3} maxLength={200} />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
