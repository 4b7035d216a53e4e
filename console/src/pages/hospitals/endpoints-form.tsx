import type { HospitalRegistryEntry } from '@cityhealth/shared-types';
import { App, Button, Form, Input } from 'antd';
import { useEffect, useState } from 'react';
import { fieldErrorsOf, messageOf } from '../../api/api-error';
import { callOperation } from '../../api/client';
import { ReadableText } from '../../components/readable-text';

type Values = Record<'webhookUrl' | 'fhirBaseUrl' | 'dicomwebBaseUrl', string>;

const FIELDS: { name: keyof Values; label: string; help: string }[] = [
  { name: 'webhookUrl', label: '事件推送地址（Webhook）', help: '平台把预约、取消、退款等事件签名后推送到这里' },
  { name: 'fhirBaseUrl', label: 'FHIR 服务地址', help: '检验检查报告、影像检查列表' },
  { name: 'dicomwebBaseUrl', label: 'DICOMweb 服务地址', help: '影像图像' },
];

const URL_RULE = {
  validator: async (_: unknown, value: string | undefined) => {
    if (!value?.trim()) return;
    let ok = false;
    try {
      ok = ['http:', 'https:'].includes(new URL(value.trim()).protocol);
    } catch {
      ok = false;
    }
    if (!ok) throw new Error('请输入以 http:// 或 https:// 开头的完整地址（留空则清除）');
  },
};

interface Props {
  hospital: HospitalRegistryEntry;
  /** Administrators change the addresses; auditors read them. */
  editable: boolean;
  onSaved(entry: HospitalRegistryEntry): void;
}

/** Where the platform reaches the hospital's systems; an empty field clears that address. */
export function EndpointsForm({ hospital, editable, onSaved }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    const e = hospital.endpoints;
    form.setFieldsValue({
      webhookUrl: e.webhookUrl ?? '',
      fhirBaseUrl: e.fhirBaseUrl ?? '',
      dicomwebBaseUrl: e.dicomwebBaseUrl ?? '',
    });
  }, [hospital, form]);

  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const entry = await callOperation('setConsoleHospitalEndpoints', {
        params: { id: hospital.id },
        body: {
          webhookUrl: v.webhookUrl.trim(),
          fhirBaseUrl: v.fhirBaseUrl.trim(),
          dicomwebBaseUrl: v.dicomwebBaseUrl.trim(),
        },
      });
      message.success('接口地址已保存');
      onSaved(entry);
    } catch (e) {
      const fields = fieldErrorsOf(e);
      form.setFields(Object.entries(fields).map(([name, error]) => ({ name: name as keyof Values, errors: [error] })));
      if (!Object.keys(fields).length) message.error(messageOf(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form form={form} layout="vertical" disabled={!editable} aria-label="接口地址">
      {FIELDS.map((f) => (
        <Form.Item
          key={f.name}
          label={f.label}
          name={f.name}
          extra={<ReadableText>{f.help}</ReadableText>}
          rules={[URL_RULE, { max: 300, message: '地址最多 300 个字符' }]}
        >
          <Input placeholder="https://" allowClear />
        </Form.Item>
      ))}
      {editable && (
        <Button type="primary" loading={saving} onClick={save}>
          保存地址
        </Button>
      )}
    </Form>
  );
}
