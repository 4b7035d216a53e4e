import type { ConsoleAnnouncement } from '@cityhealth/shared-types';
import { App, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { fieldErrorsOf, messageOf } from '../../api/api-error';
import { callOperation } from '../../api/client';
import type { HospitalOption } from '../../api/use-hospitals';

interface Values {
  hospitalId: string;
  title: string;
  body: string;
}

/** The value of the 发布范围 select for a platform-wide announcement. */
const PLATFORM = '';

interface Props {
  open: boolean;
  /** The announcement being edited; null for a new one. */
  editing: ConsoleAnnouncement | null;
  /** A scheduler's own hospital: new announcements are always its. */
  ownHospital: { id: string; name: string } | null;
  hospitals: HospitalOption[];
  onClose(): void;
  onSaved(): void;
}

/** Writes a new announcement (saved as a draft) or changes one's title and text. */
export function AnnouncementEditor({ open, editing, ownHospital, hospitals, onClose, onSaved }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (!open) return;
    form.setFieldsValue({
      hospitalId: editing?.hospital?.id ?? ownHospital?.id ?? PLATFORM,
      title: editing?.title ?? '',
      body: editing?.body ?? '',
    });
  }, [open, editing, ownHospital, form]);

  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      if (editing)
        await callOperation('updateAnnouncement', {
          params: { id: editing.id },
          body: { title: v.title, body: v.body },
        });
      else
        await callOperation('createAnnouncement', {
          body: { hospitalId: v.hospitalId === PLATFORM ? null : v.hospitalId, title: v.title, body: v.body },
        });
      message.success(editing ? '已保存' : '已保存为草稿，发布后患者可见');
      onSaved();
    } catch (e) {
      const fields = fieldErrorsOf(e);
      form.setFields(Object.entries(fields).map(([name, error]) => ({ name: name as keyof Values, errors: [error] })));
      if (!Object.keys(fields).length) message.error(messageOf(e));
    } finally {
      setSaving(false);
    }
  };

  const scopes = ownHospital
    ? [{ value: ownHospital.id, label: ownHospital.name }]
    : [{ value: PLATFORM, label: '全平台' }, ...hospitals];
  return (
    <Modal
      title={editing ? '编辑公告' : '新建公告'}
      open={open}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={save}
      onCancel={onClose}
      width={640}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item label="发布范围" name="hospitalId">
          <Select
            disabled={editing !== null || ownHospital !== null}
            showSearch
            optionFilterProp="label"
            options={scopes}
          />
        </Form.Item>
        <Form.Item
          label="标题"
          name="title"
          rules={[
            { required: true, whitespace: true, message: '请输入公告标题' },
            { max: 100, message: '公告标题最多 100 个字' },
          ]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          label="正文"
          name="body"
          rules={[
            { required: true, whitespace: true, message: '请输入公告正文' },
            { max: 5000, message: '公告正文最多 5000 个字' },
          ]}
        >
          <Input.TextArea rows={8} maxLength={5000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
