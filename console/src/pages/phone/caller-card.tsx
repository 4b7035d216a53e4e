import { PlusOutlined } from '@ant-design/icons';
import type { Caller, CallerPatient } from '@cityhealth/shared-types';
import { DOCUMENT_TYPE_SHORT_LABELS, RELATION_LABELS } from '@cityhealth/shared-types/labels';
import { Button, Card, Descriptions, Empty, Radio, Space, Tag, Typography } from 'antd';
import { visitTime } from './read-back';
import { RevealButton } from './reveal-button';

interface Props {
  caller: Caller;
  patientId: string | undefined;
  onPickPatient(patientId: string): void;
  onVerify(patient: CallerPatient): void;
  verifying: string | null;
  onAddPatient(): void;
  onOpenOrder(orderId: string): void;
}

function PatientLine({ p }: { p: CallerPatient }) {
  return (
    <Space wrap size={[8, 0]}>
      <Typography.Text strong>{p.nameMasked}</Typography.Text>
      <span>{RELATION_LABELS[p.relation]}</span>
      <span>{p.gender === 'F' ? '女' : '男'}</span>
      <span>
        {p.documentType === 'child' ? (
          '儿童 · 随监护人实名'
        ) : (
          <>
            {DOCUMENT_TYPE_SHORT_LABELS[p.documentType]} <span className="console-money">{p.idNumberMasked}</span>
          </>
        )}
      </span>
      <span>{p.phoneMasked}</span>
      {p.verified ? <Tag color="success">已实名</Tag> : <Tag color="warning">未实名</Tag>}
      {p.blacklistedUntil && <Tag color="error">{p.blacklistedUntil} 前暂停预约</Tag>}
    </Space>
  );
}

/** The caller's card: the account, its patients (pick one to book for) and its coming bookings. */
export function CallerCard({
  caller,
  patientId,
  onPickPatient,
  onVerify,
  verifying,
  onAddPatient,
  onOpenOrder,
}: Props) {
  const full = caller.patients.length >= caller.maxPatients;
  return (
    <Card title="来电人" size="small">
      <Descriptions column={1} size="small" style={{ marginBottom: 12 }}>
        <Descriptions.Item label="手机号">{caller.account.phoneMasked ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="昵称">{caller.account.nickname}</Descriptions.Item>
        <Descriptions.Item label="注册时间">
          {new Date(caller.account.createdAt).toLocaleDateString('zh-CN')}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={2} style={{ fontSize: 15 }}>
        就诊人（{caller.patients.length}/{caller.maxPatients}）
      </Typography.Title>
      {caller.patients.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="该账号还没有就诊人，请先添加" />
      ) : (
        <Radio.Group
          value={patientId}
          onChange={(e) => onPickPatient(e.target.value as string)}
          aria-label="选择就诊人"
          style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
        >
          {caller.patients.map((p) => (
            <Space key={p.id} align="start">
              <Radio value={p.id} disabled={!p.verified}>
                <PatientLine p={p} />
              </Radio>
              <RevealButton target={{ kind: 'patient', id: p.id, field: 'phone' }} what={`${p.nameMasked}的手机号`} />
              {!p.verified && (
                <Button size="small" loading={verifying === p.id} onClick={() => onVerify(p)}>
                  实名认证
                </Button>
              )}
            </Space>
          ))}
        </Radio.Group>
      )}
      <Button
        icon={<PlusOutlined />}
        style={{ marginTop: 12 }}
        disabled={full}
        title={full ? `每个账号最多添加 ${caller.maxPatients} 位就诊人` : undefined}
        onClick={onAddPatient}
      >
        添加就诊人
      </Button>
      <Typography.Title level={2} style={{ fontSize: 15, marginTop: 16 }}>
        待就诊的预约
      </Typography.Title>
      {caller.activeOrders.length === 0 ? (
        <Typography.Text type="secondary">暂无待就诊的预约</Typography.Text>
      ) : (
        <ul className="phone-orders">
          {caller.activeOrders.map((o) => (
            <li key={o.id}>
              <Button type="link" size="small" onClick={() => onOpenOrder(o.id)}>
                {o.orderNo}
              </Button>
              {o.patient.name} · {o.hospital.name} {o.department.name} · {visitTime(o)} · {o.statusLabel}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
