import type { ConsoleHelpArticle } from '@cityhealth/shared-types';
import { App, Form, Input, InputNumber, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { fieldErrorsOf, messageOf } from '../../api/api-error';
import { callOperation } from '../../api/client';

interface Values {
  category: string;
  question: string;
  answer: string;
  sort: number;
}

interface Props {
  open: boolean;
  editing: ConsoleHelpArticle | null;
  onClose(): void;
  onSaved(): void;
}

/** Writes a help article (saved as a draft) or changes one. */
export function HelpEditor({ open, editing, onClose, onSaved }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (!open) return;
    form.setFieldsValue({
      category: editing?.category ?? '',
      question: editing?.question ?? '',
      answer: editing?.answer ?? '',
      sort: editing?.sort ?? 0,
    });
  }, [open, editing, form]);

  const save = async () => {
    const body = await form.validateFields();
    setSaving(true);
    try {
      if (editing) await callOperation('updateHelpArticle', { params: { id: editing.id }, body });
      else await callOperation('createHelpArticle', { body });
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

  const required = (what: string, max: number) => [
    { required: true, whitespace: true, message: `请输入${what}` },
    { max, message: `${what}最多 ${max} 个字` },
  ];
  return (
    <Modal
      title={editing ? '编辑帮助文章' : '新建帮助文章'}
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
        <Form.Item label="分类" name="category" rules={required('分类', 40)}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item label="问题" name="question" rules={required('问题', 200)}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label="回答" name="answer" rules={required('回答', 5000)}>
          <Input.TextArea rows={6} maxLength={5000} />
        </Form.Item>
        <Form.Item label="排序（小的在前）" name="sort" rules={[{ required: true, message: '请输入排序' }]}>
          <InputNumber min={0} max={100000} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
