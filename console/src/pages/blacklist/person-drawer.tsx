import type { BlacklistPersonDetail, NoShow } from '@cityhealth/shared-types';
import { PERIOD_LABELS } from '@cityhealth/shared-types/labels';
import { Alert, App, Badge, Button, Descriptions, Drawer, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { messageOf } from '../../api/api-error';
import { callOperation } from '../../api/client';
import { roleMay } from '../../navigation';
import { useStaffSession } from '../../session/session-context';
import { LiftDialog } from './lift-dialog';
import { dateTime } from './people-table';
import { emptyText as emptyState } from '../../components/empty-text';

const noShowColumns: ColumnsType<NoShow> = [
  { title: '就诊日期', key: 'visit', render: (_, n) => `${n.visitDate} ${PERIOD_LABELS[n.period]}` },
  { title: '医院', dataIndex: ['hospital', 'name'] },
  { title: '科室', dataIndex: ['department', 'name'] },
  { title: '医生', dataIndex: 'doctor', render: (d: NoShow['doctor']) => d?.name ?? '普通号' },
  { title: '订单号', dataIndex: 'orderNo' },
  { title: '标记时间', dataIndex: 'markedAt', render: dateTime },
  {
    title: '计入暂停',
    dataIndex: 'counts',
    render: (c: boolean) => (c ? <Tag color="error">计入</Tag> : <Tag>不计入</Tag>),
  },
];

interface Props {
  personId: string | null;
  onClose: () => void;
  /** After a lifting: the lists behind the drawer read again. */
  onChanged: () => void;
}

/** One person: masked identity, suspension, the no-shows behind it, the last lifting, and 解除暂停. */
export function PersonDrawer({ personId, onClose, onChanged }: Props) {
  const { staff } = useStaffSession();
  const { message } = App.useApp();
  const [person, setPerson] = useState<BlacklistPersonDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [lifting, setLifting] = useState(false);

  useEffect(() => {
    if (!personId) return;
    let live = true;
    setPerson(null);
    setError(null);
    callOperation('blacklistPerson', { params: { id: personId } }).then(
      (p) => live && setPerson(p),
      (e: unknown) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [personId]);

  return (
    <Drawer open={personId !== null} onClose={onClose} width={880} title="人员详情" loading={!person && !error}>
      {error && <Alert type="error" showIcon role="alert" message={error} />}
      {person && (
        <>
          <Descriptions bordered size="small" column={2} style={{ marginBottom: 16 }}>
            <Descriptions.Item label="姓名">{person.nameMasked}</Descriptions.Item>
            <Descriptions.Item label="身份证号">{person.idMasked}</Descriptions.Item>
            <Descriptions.Item label="手机号">{person.phoneMasked}</Descriptions.Item>
            <Descriptions.Item label="就诊人档案">{person.patientCount} 个账号</Descriptions.Item>
            <Descriptions.Item label="状态" span={2}>
              {person.suspended ? (
                <Badge status="error" text={`因多次爽约暂停预约，至 ${dateTime(person.blacklistedUntil)}`} />
              ) : (
                <Badge status="success" text="可预约" />
              )}
            </Descriptions.Item>
            {person.lastLift && (
              <Descriptions.Item label="最近一次解除" span={2}>
                {dateTime(person.lastLift.at)}，{person.lastLift.by}：{person.lastLift.reason}
              </Descriptions.Item>
            )}
          </Descriptions>
          {person.suspended && roleMay(staff.role, 'liftBlacklist') && (
            <Button danger onClick={() => setLifting(true)} style={{ marginBottom: 16 }}>
              解除暂停
            </Button>
          )}
          <Typography.Title level={2} style={{ fontSize: 16 }}>
            爽约记录
          </Typography.Title>
          <Table<NoShow>
            rowKey="orderId"
            size="small"
            columns={noShowColumns}
            dataSource={person.noShows}
            scroll={{ x: 'max-content' }}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            locale={{ emptyText: emptyState('没有爽约记录') }}
          />
        </>
      )}
      <LiftDialog
        person={lifting ? person : null}
        onClose={() => setLifting(false)}
        onLifted={(p) => {
          setLifting(false);
          setPerson(p);
          message.success(`已解除 ${p.nameMasked} 的预约暂停`);
          onChanged();
        }}
      />
    </Drawer>
  );
}
