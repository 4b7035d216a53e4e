import { useState } from 'react';
import { Text } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import type { Patient } from '@cityhealth/shared-types';
import { PERIOD_LABELS } from '@cityhealth/shared-types/labels';
import { api, ApiError, currentSession, messageOf } from '../../api';
import { ActionButton } from '../../components/action-button';
import { Notice } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { Section } from '../../components/section';
import { NotReadyPage } from '../../components/state-view';
import { lastPatient } from '../../features/recent/recent-store';
import { open, replaceWith } from '../../features/navigation';
import { ROUTES, withQuery } from '../../routes';
import { calendarDate, dayLabel, timeWindow } from '../../utils/time';
import { bookingRulesView } from '../../features/booking-rules';
import { PatientPicker } from './components/patient-picker';
import { RulesAgreement } from './components/rules-agreement';
import { preselectedPatient } from './confirm.logic';
import { BOOK_INSTEAD, waitlistAsk, waitlistRuleLines, type WaitlistAsk, type WaitlistTarget } from './waitlist.logic';

/** The session, or the department's day (its sessions a patient could wait for), as the page shows it. */
async function loadTarget(ask: WaitlistAsk): Promise<WaitlistTarget> {
  if ('scheduleId' in ask) {
    const s = await api.schedule(ask.scheduleId);
    return { hospitalName: s.hospitalName, departmentName: s.departmentName, sessions: [s] };
  }
  const { department, schedules } = await api.departmentSchedules(ask.departmentId, { from: ask.date, to: ask.date });
  return { hospitalName: department.hospitalName, departmentName: department.name, sessions: schedules };
}
import './confirm.scss';

type Loaded =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; target: WaitlistTarget; patients: Patient[] | null; rules: string[] };

/**
 * Join a full session's queue (候补), or every full session of a department's day: what is waited
 * for, who waits, the waitlist's rules; one tap joins.
 */
export default function WaitlistJoinPage() {
  const params = useRouter().params;
  const ask = waitlistAsk(params);
  const today = calendarDate();
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [patientId, setPatientId] = useState<string | undefined>();
  const [agreed, setAgreed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ message: string; bookInstead: boolean } | null>(null);

  async function load() {
    try {
      const [target, patients, rules] = await Promise.all([
        loadTarget(ask),
        currentSession() ? api.patients().then((l) => l.items) : Promise.resolve(null),
        bookingRulesView(),
      ]);
      setLoaded({ kind: 'ready', target, patients, rules: waitlistRuleLines(rules) });
      setPatientId(
        (cur) => cur ?? (patients ? preselectedPatient(patients, today, lastPatient.read()[0]?.id) : undefined),
      );
    } catch (e) {
      setLoaded({ kind: 'error', message: messageOf(e) });
    }
  }
  useDidShow(() => void load());

  if (loaded.kind !== 'ready') return <NotReadyPage state={loaded} onRetry={load} />;
  const { target, patients, rules } = loaded;
  const blocker = !patientId ? '请选择就诊人' : !agreed ? '请阅读并同意候补须知' : null;

  async function join() {
    if (!patientId || blocker) return;
    setBusy(true);
    setFailure(null);
    try {
      await api.joinWaitlist({ patientId, ...ask });
      lastPatient.remember({ id: patientId });
      replaceWith(withQuery(ROUTES.waitlist, { joined: 1 }));
    } catch (e) {
      setFailure({ message: messageOf(e), bookInstead: e instanceof ApiError && BOOK_INSTEAD.has(e.code) });
    } finally {
      setBusy(false);
    }
  }

  const footer = patients ? (
    <>
      {failure && <Notice kind="error" text={failure.message} testId="waitlist-error" />}
      {failure?.bookInstead && (
        <ActionButton kind="secondary" block onClick={() => void Taro.navigateBack()}>
          去预约
        </ActionButton>
      )}
      <ActionButton block busy={busy} disabled={Boolean(blocker)} onClick={join} testId="waitlist-submit">
        {blocker ?? '确认加入候补'}
      </ActionButton>
    </>
  ) : (
    <ActionButton
      block
      onClick={() => open(withQuery(ROUTES.login, { back: withQuery(ROUTES.waitlistJoin, ask) }))}
      testId="waitlist-login"
    >
      登录后候补
    </ActionButton>
  );

  return (
    <PageShell className="confirm" footer={footer}>
      <Section>
        <Text className="confirm__title">
          {target.hospitalName} · {target.departmentName}
        </Text>
        {target.sessions.map((x) => (
          <Text key={x.id} className="confirm__when">
            {dayLabel(x.date)} {PERIOD_LABELS[x.period]}
            {'\u00a0'}
            {timeWindow(x.startsAt, x.endsAt)}
            {x.doctor ? ` ${x.doctor.name}` : ''}
          </Text>
        ))}
        <Text className="confirm__line">
          {target.sessions.length > 1
            ? '当日各时段号源均已约满，可同时候补，约到任一时段即结束其余候补。'
            : '该时段号源已约满，可加入候补排队。'}
        </Text>
      </Section>
      {patients && <PatientPicker patients={patients} chosen={patientId} today={today} onChoose={setPatientId} />}
      {patients && (
        <RulesAgreement
          title="候补须知"
          rules={rules}
          agreed={agreed}
          onToggle={() => setAgreed(!agreed)}
          agreeText="我已阅读并同意候补须知"
        />
      )}
    </PageShell>
  );
}
