import type { BodyOf, CallerPatient } from '@cityhealth/shared-types';
import { idNumberError, personNameError, phoneError } from '@cityhealth/shared-types/field-rules';
import { RELATION_LABELS, RELATIONS } from '@cityhealth/shared-types/labels';
import { Alert, Button, Form, Input, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { fieldErrorsOf, messageOf } from '../../api/api-error';
import { callOperation } from '../../api/client';

type Fields = BodyOf<'phoneAddPatient'>;

const RELATION_OPTIONS = RELATIONS.map((r) => ({ value: r, label: RELATION_LABELS[r] }));

/** A rule of the contract's field rules as a form rule (the same words the API would answer). */
const check = (error: (value: string) => string | undefined) => ({
  validator: (_: unknown, value: string | undefined) => {
    const problem = error(value ?? '');
    return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
  },
});

interface Props {
  accountId: string;
  onAdded(patient: CallerPatient): void;
  onCancel(): void;
}

/** 添加就诊人: name, ID number, phone and relation; the real name is verified as it is added. */
export function AddPatientForm({ accountId, onAdded, onCancel }: Props) {
  const [form] = Form.useForm<Fields>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = async (fields: Fields) => {
    setSaving(true);
    setError(null);
    try {
      onAdded(await callOperation('phoneAddPatient', { params: { accountId }, body: fields }));
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
    <Form<Fields>
      form={form}
      layout="vertical"
      initialValues={{ relation: 'self' }}
      onFinish={save}
      aria-label="添加就诊人"
    >
      {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 12 }} />}
      <Form.Item label="姓名" name="name" rules={[check(personNameError)]}>
        <Input autoFocus autoComplete="off" maxLength={30} />
      </Form.Item>
      <Form.Item
        label="身份证号"
        name="idNumber"
        rules={[check((v) => idNumberError(v, dayjs().format('YYYY-MM-DD')))]}
      >
        <Input autoComplete="off" maxLength={18} />
      </Form.Item>
      <Form.Item label="就诊人手机号" name="phone" rules={[check(phoneError)]} extra="预约成功的短信发到此号码">
        <Input inputMode="numeric" autoComplete="off" maxLength={11} />
      </Form.Item>
      <Form.Item label="与来电人关系" name="relation">
        <Select options={RELATION_OPTIONS} />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={saving}>
          添加并实名认证
        </Button>
        <Button onClick={onCancel}>取消</Button>
      </Space>
    </Form>
  );
}
