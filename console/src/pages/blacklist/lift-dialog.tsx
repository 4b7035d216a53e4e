import type { BlacklistPersonDetail } from '@cityhealth/shared-types';
import { Alert, Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { fieldErrorsOf, messageOf } from '../../api/api-error';
import { callOperation } from '../../api/client';

interface Props {
  person: BlacklistPersonDetail | null;
  onClose: () => void;
  onLifted: (person: BlacklistPersonDetail) => void;
}

/** 解除暂停 (administrators): a reason is required and kept in the audit trail. */
export function LiftDialog({ person, onClose, onLifted }: Props) {
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (person) {
      form.resetFields();
      setError(null);
    }
  }, [person, form]);

  const submit = async ({ reason }: { reason: string }) => {
    if (!person) return;
    setSaving(true);
    try {
      onLifted(await callOperation('liftBlacklist', { params: { id: person.personId }, body: { reason } }));
    } catch (e) {
      const fields = fieldErrorsOf(e);
      if (fields.reason) form.setFields([{ name: 'reason', errors: [fields.reason] }]);
      else setError(messageOf(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={person !== null}
      title={`解除 ${person?.nameMasked ?? ''} 的预约暂停`}
      okText="解除暂停"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <p>解除后该人员可立即预约；此前的爽约记录不再计入下一次暂停。操作将记入审计日志。</p>
      {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={submit} aria-label="解除暂停">
        <Form.Item
          name="reason"
          label="解除原因"
          rules={[
            { required: true, whitespace: true, message: '请填写解除原因' },
            { min: 4, message: '请写明解除原因（至少 4 个字）' },
            { max: 200, message: '原因最多 200 个字' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={200} showCount placeholder="例如：医院核实为误标爽约" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
