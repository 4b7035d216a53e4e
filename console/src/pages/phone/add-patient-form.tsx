import type { AddPatientRequest, CallerPatient, DocumentType, Relation } from '@cityhealth/shared-types';
import {
  birthDateError,
  documentFields,
  documentNumberError,
  FOREIGN_PASSPORT_NOT_VERIFIABLE_MESSAGE,
  NUMBER_FIELD,
  nationalityError,
  personNameError,
  phoneError,
  verifiableOnline,
} from '@cityhealth/shared-types/field-rules';
import { DOCUMENT_TYPE_LABELS, DOCUMENT_TYPES, RELATION_LABELS, RELATIONS } from '@cityhealth/shared-types/labels';
import { Alert, Button, Form, Input, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { fieldErrorsOf, messageOf } from '../../api/api-error';
import { callOperation } from '../../api/client';

/** What the form holds: every document's fields, of which the chosen document's are sent. */
interface Fields {
  documentType: DocumentType;
  name: string;
  idNumber?: string;
  nationality?: string;
  gender?: 'M' | 'F';
  birthDate?: string;
  phone: string;
  relation: Relation;
}

const RELATION_OPTIONS = RELATIONS.map((r) => ({ value: r, label: RELATION_LABELS[r] }));
const DOCUMENT_OPTIONS = DOCUMENT_TYPES.map((t) => ({ value: t, label: DOCUMENT_TYPE_LABELS[t] }));
const GENDER_OPTIONS = [
  { value: 'M', label: '男' },
  { value: 'F', label: '女' },
];

const today = () => dayjs().format('YYYY-MM-DD');

/** A rule of the contract's field rules as a form rule (the same words the API would answer). */
const check = (error: (value: string) => string | undefined) => ({
  validator: (_: unknown, value: string | undefined) => {
    const problem = error(value ?? '');
    return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
  },
});

/** The request of the chosen document: only the fields it asks for (the schema refuses the others' absence). */
function requestOf(f: Fields): AddPatientRequest {
  const who = { name: f.name, phone: f.phone, relation: f.relation };
  const holder = { gender: f.gender ?? 'M', birthDate: f.birthDate ?? '' };
  const number = f.idNumber ?? '';
  switch (f.documentType) {
    case 'id-card':
      return { documentType: 'id-card', idNumber: number, ...who };
    case 'child':
      return { documentType: 'child', ...holder, ...who };
    case 'passport':
    case 'foreign-permanent-residence':
      return { documentType: f.documentType, idNumber: number, nationality: f.nationality ?? '', ...holder, ...who };
    default:
      return { documentType: f.documentType, idNumber: number, ...holder, ...who };
  }
}

interface Props {
  accountId: string;
  onAdded(patient: CallerPatient): void;
  onCancel(): void;
}

/**
 * 添加就诊人: the document (the same ones as the mini-program, with the fields each asks for),
 * name, phone and relation; the real name is verified as it is added.
 */
export function AddPatientForm({ accountId, onAdded, onCancel }: Props) {
  const [form] = Form.useForm<Fields>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const documentType = Form.useWatch('documentType', form) ?? 'id-card';
  const fields = documentFields(documentType);
  const nationality = Form.useWatch('nationality', form) ?? '';
  // as the app's form: a foreign passport is verified at a hospital's window, so nothing is sent
  const notOnline =
    documentType !== 'child' && !nationalityError(nationality) && !verifiableOnline(documentType, nationality);

  const save = async (values: Fields) => {
    setSaving(true);
    setError(null);
    try {
      onAdded(await callOperation('phoneAddPatient', { params: { accountId }, body: requestOf(values) }));
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
      initialValues={{ relation: 'self', documentType: 'id-card' }}
      onFinish={save}
      aria-label="添加就诊人"
    >
      {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 12 }} />}
      <Form.Item label="证件类型" name="documentType">
        <Select options={DOCUMENT_OPTIONS} />
      </Form.Item>
      <Form.Item label="姓名" name="name" rules={[check(personNameError)]}>
        <Input autoFocus autoComplete="off" maxLength={30} />
      </Form.Item>
      {documentType !== 'child' && (
        <Form.Item
          label={NUMBER_FIELD[documentType].label}
          name="idNumber"
          rules={[check((v) => documentNumberError(documentType, v, today()))]}
        >
          <Input autoComplete="off" maxLength={18} placeholder={NUMBER_FIELD[documentType].placeholder} />
        </Form.Item>
      )}
      {fields.nationality && (
        <Form.Item label="国籍" name="nationality" rules={[check(nationalityError)]} extra="3 位字母代码，如 USA">
          <Input autoComplete="off" maxLength={3} />
        </Form.Item>
      )}
      {notOnline && (
        <Alert type="warning" showIcon message={FOREIGN_PASSPORT_NOT_VERIFIABLE_MESSAGE} style={{ marginBottom: 12 }} />
      )}
      {fields.holder && (
        <>
          <Form.Item label="性别" name="gender" rules={[{ required: true, message: '请选择性别' }]}>
            <Select options={GENDER_OPTIONS} />
          </Form.Item>
          <Form.Item
            label="出生日期"
            name="birthDate"
            rules={[check((v) => birthDateError(v, today()))]}
            extra="按证件填写，如 1990-05-01"
          >
            <Input autoComplete="off" maxLength={10} />
          </Form.Item>
        </>
      )}
      <Form.Item label="就诊人手机号" name="phone" rules={[check(phoneError)]} extra="预约成功的短信发到此号码">
        <Input inputMode="numeric" autoComplete="off" maxLength={11} />
      </Form.Item>
      <Form.Item label="与来电人关系" name="relation">
        <Select options={RELATION_OPTIONS} />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={saving} disabled={notOnline}>
          添加并实名认证
        </Button>
        <Button onClick={onCancel}>取消</Button>
      </Space>
    </Form>
  );
}
