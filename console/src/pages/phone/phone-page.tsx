import type { Caller, CallerPatient, Order, ScheduleSummary } from '@cityhealth/shared-types';
import { PERIOD_LABELS } from '@cityhealth/shared-types/labels';
import { Alert, App, Button, Card, Col, Row, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ApiError, messageOf } from '../../api/api-error';
import { callOperation } from '../../api/client';
import { AddPatientForm } from './add-patient-form';
import { CallerCard } from './caller-card';
import { PhoneSearch } from './phone-search';
import { ReadBack } from './read-back';
import { SessionPicker } from './session-picker';
import './phone.css';

/**
 * A booking attempt keeps its key until it is answered, so a retry (timeout, second press) books
 * once. getRandomValues, unlike randomUUID, also works on a plain-http address (the sandbox).
 */
const newKey = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * 电话预约: one screen for an agent on the phone: find the caller by phone (or register them), pick
 * or add a patient, pick hospital, department and session, book, read the booking back, cancel.
 * Enter searches and submits; each step moves the focus to the next.
 */
export default function PhonePage() {
  const { message } = App.useApp();
  const readBackRef = useRef<HTMLDivElement>(null);
  const [searching, setSearching] = useState(false);
  const [notFound, setNotFound] = useState<string | null>(null);
  const [caller, setCaller] = useState<Caller | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [verifying, setVerifying] = useState<string | null>(null);
  const [patientId, setPatientId] = useState<string | undefined>();
  const [schedule, setSchedule] = useState<ScheduleSummary | undefined>();
  const [bookingKey, setBookingKey] = useState(newKey);
  const [booking, setBooking] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [order, setOrder] = useState<Order | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [revision, setRevision] = useState(0);
  /** A new call remounts the phone field: empty, with the cursor in it. */
  const [call, setCall] = useState(0);

  const accountId = caller?.account.id;
  // Another patient or session is another booking: a key of its own (one key, one request body).
  // biome-ignore lint/correctness/useExhaustiveDependencies: the choice changing is the trigger
  useEffect(() => setBookingKey(newKey()), [patientId, schedule?.id]);
  const run = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const refresh = async (id: string) => setCaller(await callOperation('phoneCaller', { params: { accountId: id } }));
  const showOrder = (o: Order) => {
    setRefusal(null);
    setOrder(o);
    setTimeout(() => readBackRef.current?.focus(), 0);
  };

  const search = (phone: string) =>
    run(async () => {
      setSearching(true);
      setCaller(null);
      setNotFound(null);
      setOrder(null);
      setPatientId(undefined);
      try {
        const found = (await callOperation('phoneLookup', { body: { phone } })).caller;
        setCaller(found);
        if (!found) setNotFound(phone);
        else setPatientId(found.patients.find((p) => p.verified)?.id);
      } finally {
        setSearching(false);
      }
    });

  const register = (phone: string) =>
    run(async () => {
      setCaller(await callOperation('phoneRegisterCaller', { body: { phone } }));
      setNotFound(null);
      setAdding(true);
      message.success('已为来电人注册账号');
    });

  const verify = (p: CallerPatient) =>
    run(async () => {
      setVerifying(p.id);
      try {
        await callOperation('phoneVerifyPatient', { params: { accountId: accountId!, patientId: p.id } });
        await refresh(accountId!);
        setPatientId(p.id);
      } finally {
        setVerifying(null);
      }
    });

  const pickSchedule = (s: ScheduleSummary | undefined) => {
    setSchedule(s);
    setRefusal(null);
  };

  const book = async () => {
    if (!accountId || !patientId || !schedule) return;
    setBooking(true);
    setRefusal(null);
    try {
      const placed = await callOperation('phoneBook', {
        params: { accountId },
        body: { scheduleId: schedule.id, patientId },
        headers: { 'Idempotency-Key': bookingKey },
      });
      setBookingKey(newKey());
      showOrder(placed);
      setRevision((r) => r + 1);
      await refresh(accountId);
    } catch (e) {
      // A rule's refusal is final for this choice; a lost answer keeps the key, so pressing again books once.
      if (e instanceof ApiError && e.status !== 0) setBookingKey(newKey());
      setRefusal(messageOf(e));
    } finally {
      setBooking(false);
    }
  };

  const openOrder = (orderId: string) =>
    run(async () => showOrder(await callOperation('phoneOrder', { params: { accountId: accountId!, orderId } })));

  const cancel = (reason: string | undefined) =>
    run(async () => {
      if (!order || !accountId) return;
      setCancelling(true);
      setRefusal(null);
      try {
        showOrder(await callOperation('phoneCancel', { params: { accountId, orderId: order.id }, body: { reason } }));
        message.success('预约已取消');
        setRevision((r) => r + 1);
        await refresh(accountId);
      } finally {
        setCancelling(false);
      }
    });

  /** 新来电: everything of the last caller cleared, the cursor back in the phone field. */
  const nextCall = () => {
    setCaller(null);
    setNotFound(null);
    setAdding(false);
    setPatientId(undefined);
    setOrder(null);
    setRefusal(null);
    setError(null);
    setCall((c) => c + 1);
  };

  const patient = caller?.patients.find((p) => p.id === patientId);
  return (
    <div className="phone-page">
      <Typography.Title level={1} className="console-page-title">
        电话预约
      </Typography.Title>
      {error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          message={error}
          closable
          onClose={() => setError(null)}
          style={{ marginBottom: 16 }}
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={9}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card
              size="small"
              extra={
                <Button size="small" onClick={nextCall} disabled={!caller && !notFound}>
                  新来电
                </Button>
              }
              title="来电"
            >
              <PhoneSearch key={call} searching={searching} onSearch={search} />
              {notFound && (
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginTop: 12 }}
                  message="该手机号尚未注册"
                  description="来电人同意后，可直接用此手机号为其注册账号（无需短信验证码）。"
                  action={
                    <Button type="primary" autoFocus onClick={() => register(notFound)}>
                      注册新用户
                    </Button>
                  }
                />
              )}
            </Card>
            {caller && (
              <CallerCard
                caller={caller}
                patientId={patientId}
                onPickPatient={setPatientId}
                onVerify={verify}
                verifying={verifying}
                onAddPatient={() => setAdding(true)}
                onOpenOrder={openOrder}
              />
            )}
            {caller && adding && (
              <Card title="添加就诊人" size="small">
                <AddPatientForm
                  accountId={caller.account.id}
                  onCancel={() => setAdding(false)}
                  onAdded={async (p) => {
                    setAdding(false);
                    message.success(`已添加并实名认证 ${p.nameMasked}`);
                    await run(() => refresh(caller.account.id));
                    setPatientId(p.id);
                  }}
                />
              </Card>
            )}
          </Space>
        </Col>
        <Col xs={24} xl={15}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card title="选择号源" size="small">
              <SessionPicker scheduleId={schedule?.id} onPick={pickSchedule} revision={revision} />
              <Space wrap style={{ marginTop: 12 }}>
                <Button
                  type="primary"
                  size="large"
                  loading={booking}
                  disabled={!caller || !patient || !schedule}
                  onClick={book}
                >
                  确认预约
                </Button>
                <Typography.Text type="secondary">
                  {patient ? `就诊人：${patient.nameMasked}` : '请先选择就诊人'}
                  {schedule ? ` · ${schedule.departmentName} ${schedule.date} ${PERIOD_LABELS[schedule.period]}` : ''}
                </Typography.Text>
              </Space>
              {refusal && (
                <Alert
                  type="error"
                  showIcon
                  role="alert"
                  message="未能预约"
                  description={refusal}
                  style={{ marginTop: 12 }}
                />
              )}
            </Card>
            {order && <ReadBack ref={readBackRef} order={order} cancelling={cancelling} onCancel={cancel} />}
          </Space>
        </Col>
      </Row>
    </div>
  );
}
