import type { BodyOf } from '@cityhealth/shared-types';
import { Alert, Button, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { messageOf } from '../../api/api-error';
import { callOperation } from '../../api/client';

type Target = Omit<BodyOf<'revealPersonalData'>, 'reason'>;

interface Props {
  target: Target;
  /** What is shown, for the dialog's title (e.g. 就诊人张* 的手机号). */
  what: string;
}

/** 查看完整: one value in full, for a stated reason (audited by the server; the value is not kept). */
export function RevealButton({ target, what }: Props) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [value, setValue] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const close = () => {
    setOpen(false);
    setValue(null);
    setError(null);
    setReason('');
  };
  const reveal = async () => {
    setLoading(true);
    setError(null);
    try {
      setValue((await callOperation('revealPersonalData', { body: { ...target, reason } })).value);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setLoading(false);
    }
  };

  return (
    <>
      <Button type="link" size="small" onClick={() => setOpen(true)}>
        查看完整
      </Button>
      <Modal
        title={`查看${what}`}
        open={open}
        onCancel={close}
        okText={value ? '关闭' : '查看'}
        cancelText="取消"
        confirmLoading={loading}
        onOk={value ? close : reveal}
        destroyOnHidden
      >
        {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 12 }} />}
        {value ? (
          <Typography.Text copyable strong style={{ fontSize: 18 }}>
            {value}
          </Typography.Text>
        ) : (
          <Input.TextArea
            aria-label="查看原因"
            placeholder="查看原因（至少 4 个字，将记入审计日志）"
            autoFocus
            maxLength={200}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        )}
      </Modal>
    </>
  );
}
