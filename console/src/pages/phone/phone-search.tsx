import { phoneError } from '@cityhealth/shared-types/field-rules';
import { Form, Input } from 'antd';
import { useState } from 'react';

interface Props {
  searching: boolean;
  onSearch(phone: string): void;
}

/** 来电号码: the phone the caller gives, typed in full (Enter searches). */
export function PhoneSearch({ searching, onSearch }: Props) {
  const [phone, setPhone] = useState('');
  const [error, setError] = useState<string | undefined>();
  const search = (value: string) => {
    const typed = value.replace(/\D/g, '');
    const problem = phoneError(typed);
    setError(problem);
    if (!problem) onSearch(typed);
  };
  return (
    <Form layout="vertical" onSubmitCapture={(e) => e.preventDefault()}>
      <Form.Item
        label="来电人手机号"
        htmlFor="phone-search"
        validateStatus={error ? 'error' : undefined}
        help={error ?? '输入完整的 11 位手机号，按回车查询'}
        style={{ marginBottom: 0 }}
      >
        <Input.Search
          id="phone-search"
          autoFocus
          inputMode="numeric"
          autoComplete="off"
          maxLength={13}
          placeholder="例如 13800138000"
          enterButton="查询"
          loading={searching}
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          onSearch={search}
        />
      </Form.Item>
    </Form>
  );
}
