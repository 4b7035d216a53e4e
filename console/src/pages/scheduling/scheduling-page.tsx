import { Alert, Card, Form, Select, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useHospitals } from '../../api/use-hospitals';
import { useStaffSession } from '../../session/session-context';
import { BookingsTab } from './bookings-tab';
import { SessionsTab } from './sessions-tab';

/** 排班与就诊: a hospital's sessions (stop, resume) and a day's bookings (attendance); a scheduler sees their own. */
export default function SchedulingPage() {
  const { staff } = useStaffSession();
  const ownHospital = staff.hospital;
  const hospitals = useHospitals(ownHospital === null);
  const [picked, setPicked] = useState<string | undefined>();
  const hospitalId = ownHospital ? undefined : picked;
  const ready = ownHospital !== null || picked !== undefined;

  return (
    <>
      <Typography.Title level={1} className="console-page-title">
        排班与就诊
      </Typography.Title>
      <Card className="console-filters">
        {ownHospital ? (
          <Typography.Text>{ownHospital.name} 的出诊与预约</Typography.Text>
        ) : (
          <Form layout="inline">
            <Form.Item label="医院" htmlFor="scheduling-hospital">
              <Select<string>
                id="scheduling-hospital"
                style={{ width: 280 }}
                showSearch
                optionFilterProp="label"
                placeholder="请选择医院"
                loading={hospitals.loading}
                value={picked}
                onChange={setPicked}
                options={hospitals.options}
              />
            </Form.Item>
          </Form>
        )}
      </Card>
      {!ready ? (
        <Alert type="info" showIcon message="请先选择医院" />
      ) : (
        <Card>
          <Tabs
            items={[
              { key: 'sessions', label: '出诊安排', children: <SessionsTab hospitalId={hospitalId} /> },
              { key: 'bookings', label: '当日预约', children: <BookingsTab hospitalId={hospitalId} /> },
            ]}
          />
        </Card>
      )}
    </>
  );
}
