import { AUDIT_ACTOR_LABELS } from '@cityhealth/shared-types/labels';
import { Button, DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';

export interface AuditFilterValues {
  actorType?: string;
  actorId?: string;
  staff?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  range?: [Dayjs, Dayjs];
}

const ACTOR_OPTIONS = Object.entries(AUDIT_ACTOR_LABELS).map(([value, label]) => ({ value, label }));

/** The audit trail's filters: who, what (an action or its prefix), on what, and Beijing dates. */
export function AuditFilters({ onSearch }: { onSearch: (values: AuditFilterValues) => void }) {
  const [form] = Form.useForm<AuditFilterValues>();
  return (
    <Form form={form} layout="inline" aria-label="审计日志筛选条件" onFinish={onSearch} style={{ rowGap: 12 }}>
      <Form.Item name="actorType" label="操作者类型" htmlFor="audit-actor-type">
        <Select id="audit-actor-type" style={{ width: 140 }} allowClear placeholder="全部" options={ACTOR_OPTIONS} />
      </Form.Item>
      <Form.Item name="staff" label="工作人员" htmlFor="audit-staff">
        <Input id="audit-staff" style={{ width: 160 }} allowClear placeholder="用户名或姓名" />
      </Form.Item>
      <Form.Item name="actorId" label="操作者编号" htmlFor="audit-actor-id">
        <Input id="audit-actor-id" style={{ width: 200 }} allowClear />
      </Form.Item>
      <Form.Item
        name="action"
        label="操作"
        htmlFor="audit-action"
        tooltip="完整操作名，或以 . 或 * 结尾的前缀，如 staff."
      >
        <Input id="audit-action" style={{ width: 180 }} allowClear placeholder="如 blacklist.lift 或 staff." />
      </Form.Item>
      <Form.Item name="targetType" label="对象类型" htmlFor="audit-target-type">
        <Input id="audit-target-type" style={{ width: 120 }} allowClear placeholder="如 person" />
      </Form.Item>
      <Form.Item name="targetId" label="对象编号" htmlFor="audit-target-id">
        <Input id="audit-target-id" style={{ width: 200 }} allowClear />
      </Form.Item>
      <Form.Item name="range" label="日期" htmlFor="audit-range">
        <DatePicker.RangePicker id={{ start: 'audit-range', end: 'audit-range-end' }} />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit">
          查询
        </Button>
      </Form.Item>
    </Form>
  );
}
