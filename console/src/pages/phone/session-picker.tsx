import type { HospitalDetail, ScheduleSummary } from '@cityhealth/shared-types';
import { PERIOD_LABELS, SCHEDULE_TYPE_LABELS } from '@cityhealth/shared-types/labels';
import { Alert, Form, Select, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState } from 'react';
import { messageOf } from '../../api/api-error';
import { callOperation } from '../../api/client';
import { useHospitals } from '../../api/use-hospitals';
import { yuan } from '../../components/money';

interface Props {
  scheduleId: string | undefined;
  onPick(schedule: ScheduleSummary | undefined): void;
  /** Changes after a booking or a cancellation, so the free counts are read again. */
  revision: number;
}

const time = (iso: string) =>
  new Date(iso).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false });

function availability(s: ScheduleSummary): { text: string; color?: string } {
  if (s.status === 'stopped') return { text: '停诊', color: 'error' };
  if (s.status === 'closed') return { text: '已停止预约' };
  if (Date.parse(s.releaseAt) > Date.now())
    return { text: `${new Date(s.releaseAt).toLocaleString('zh-CN', { hour12: false })} 放号` };
  if (s.freeCount === 0) return { text: '约满', color: 'warning' };
  return { text: `余 ${s.freeCount}`, color: 'success' };
}

const columns: ColumnsType<ScheduleSummary> = [
  { title: '日期', dataIndex: 'date' },
  {
    title: '时段',
    key: 'period',
    render: (_, s) => `${PERIOD_LABELS[s.period]} ${time(s.startsAt)}–${time(s.endsAt)}`,
  },
  { title: '号别', dataIndex: 'type', render: (t: ScheduleSummary['type']) => SCHEDULE_TYPE_LABELS[t] },
  { title: '医生', dataIndex: 'doctor', render: (d: ScheduleSummary['doctor']) => (d ? `${d.name} ${d.title}` : '—') },
  {
    title: '挂号费',
    dataIndex: 'feeFen',
    align: 'right',
    render: (f: number) => <span className="console-money">{yuan(f)}</span>,
  },
  {
    title: '余号',
    key: 'free',
    render: (_, s) => {
      const a = availability(s);
      return <Tag color={a.color}>{a.text}</Tag>;
    },
  },
];

/** 选择号源: hospital, then department, then one of its sessions with its free count. */
export function SessionPicker({ scheduleId, onPick, revision }: Props) {
  const hospitals = useHospitals();
  const [hospitalId, setHospitalId] = useState<string | undefined>();
  const [hospital, setHospital] = useState<HospitalDetail | null>(null);
  const [departmentId, setDepartmentId] = useState<string | undefined>();
  const [sessions, setSessions] = useState<ScheduleSummary[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setHospital(null);
    setDepartmentId(undefined);
    if (!hospitalId) return;
    let live = true;
    callOperation('getHospital', { params: { id: hospitalId } }).then(
      (h) => live && setHospital(h),
      (e: unknown) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [hospitalId]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new revision reads the free counts again
  useEffect(() => {
    setSessions([]);
    if (!departmentId) return;
    let live = true;
    setLoading(true);
    callOperation('departmentSchedules', { params: { id: departmentId }, query: {} }).then(
      (d) => {
        if (!live) return;
        setSessions(d.schedules);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (!live) return;
        setError(messageOf(e));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [departmentId, revision]);

  const departments = useMemo(
    () =>
      (hospital?.departments ?? []).map((g) => ({
        label: g.name,
        options: (g.children.length ? g.children : [{ id: g.id, name: g.name }]).map((d) => ({
          value: d.id,
          label: d.name,
        })),
      })),
    [hospital],
  );
  // A full or not yet released session may still be picked: the booking's refusal says why, in the rules' words.
  const bookable = (s: ScheduleSummary) => s.status === 'open';

  return (
    <>
      {(error || hospitals.error) && (
        <Alert type="error" showIcon role="alert" message={error ?? messageOf(hospitals.error)} />
      )}
      <Form layout="inline" style={{ marginBottom: 12, rowGap: 8 }}>
        <Form.Item label="医院" htmlFor="phone-hospital">
          <Select
            id="phone-hospital"
            showSearch
            optionFilterProp="label"
            placeholder="输入医院名称"
            style={{ width: 260 }}
            loading={hospitals.loading}
            options={hospitals.options}
            value={hospitalId}
            onChange={(v: string) => {
              setHospitalId(v);
              onPick(undefined);
            }}
          />
        </Form.Item>
        <Form.Item label="科室" htmlFor="phone-department">
          <Select
            id="phone-department"
            showSearch
            optionFilterProp="label"
            placeholder={hospitalId ? '输入科室名称' : '请先选择医院'}
            style={{ width: 220 }}
            disabled={!hospital}
            options={departments}
            value={departmentId}
            onChange={(v: string) => {
              setDepartmentId(v);
              onPick(undefined);
            }}
          />
        </Form.Item>
      </Form>
      {hospital && (
        <Alert
          type="info"
          style={{ marginBottom: 12 }}
          message={
            hospital.onlinePayment
              ? '该院挂号费在线支付：预约后请来电人在支付时限内于小程序中支付'
              : '该院挂号费到院支付'
          }
        />
      )}
      <Table<ScheduleSummary>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={sessions}
        loading={loading}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        rowSelection={{
          type: 'radio',
          selectedRowKeys: scheduleId ? [scheduleId] : [],
          getCheckboxProps: (s) => ({
            disabled: !bookable(s),
            'aria-label': `选择 ${s.date} ${PERIOD_LABELS[s.period]}`,
          }),
          onChange: (_, rows) => onPick(rows[0]),
        }}
        onRow={(s) => ({ onClick: () => bookable(s) && onPick(s) })}
        locale={{ emptyText: departmentId ? '该科室近期没有出诊' : '请选择医院和科室' }}
      />
    </>
  );
}
