import type { BodyOf, StaffCredentials } from '@cityhealth/shared-types';
import { HOSPITAL_STAFF_ROLES, STAFF_ROLE_LABELS, STAFF_ROLES, type StaffRole } from '@cityhealth/shared-types/labels';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { fieldErrorsOf, messageOf } from '../../api/api-error';
import { callOperation } from '../../api/client';
import { useHospitals } from '../../api/use-hospitals';

type Fields = BodyOf<'createStaff'>;

interface Props {
  open: boolean;
  onClose(): void;
  onCreated(credentials: StaffCredentials): void;
}

/** 新建账号: user name, name and role, and the hospital of a finance clerk or scheduler. */
export function CreateStaffDialog({ open, onClose, onCreated }: Props) {
  const [form] = Form.useForm<Fields>();
  const role = Form.useWatch('role', form) as StaffRole | undefined;
  const needsHospital = role !== undefined && HOSPITAL_STAFF_ROLES.includes(role);
  const hospitals = useHospitals(open);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    const fields = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      const body: Fields = { ...fields, hospitalId: needsHospital ? fields.hospitalId : undefined };
      onCreated(await callOperation('createStaff', { body }));
      form.resetFields();
    } catch (e) {
      const byField = Object.entries(fieldErrorsOf(e));
      if (byField.length)
        form.setFields(byField.map(([name, text]) => ({ name: name as keyof Fields, errors: [text] })));
      else setError(messageOf(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title="新建账号"
      open={open}
      okText="创建"
      cancelText="取消"
      confirmLoading={saving}
      onOk={save}
      onCancel={onClose}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          label="用户名"
          name="username"
          extra="3–40 个字符：字母、数字和 _ . -"
          rules={[
            { required: true, message: '请输入用户名' },
            { min: 3, max: 40, message: '用户名须为 3–40 个字符' },
            { pattern: /^[A-Za-z0-9_.-]+$/, message: '用户名只能包含字母、数字和 _ . -' },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          label="姓名"
          name="name"
          rules={[
            { required: true, whitespace: true, message: '请输入姓名' },
            { max: 60, message: '姓名最多 60 个字符' },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]}>
          <Select options={STAFF_ROLES.map((r) => ({ value: r, label: STAFF_ROLE_LABELS[r] }))} />
        </Form.Item>
        {needsHospital && (
          <Form.Item label="所属医院" name="hospitalId" rules={[{ required: true, message: '请选择所属医院' }]}>
            <Select
              showSearch
              optionFilterProp="label"
              loading={hospitals.loading}
              options={hospitals.options}
              placeholder="选择医院"
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
