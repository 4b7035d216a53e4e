import { useEffect, useState } from 'react';
import { ScrollView, Text, View } from '@tarojs/components';
import type { BookingRulesView, ReleaseRule, ScheduleSummary } from '@cityhealth/shared-types';
import { ActionButton } from '../../../components/action-button';
import { EmptyState } from '../../../components/state-view';
import { bookingRulesView } from '../../../features/booking-rules';
import { open } from '../../../features/navigation';
import { offersWaitlist } from '../../../features/waitlist';
import { tapProps } from '../../../platform/tap';
import { ROUTES, withQuery } from '../../../routes';
import { relativeDayLabel, weekday } from '../../../utils/time';
import { dayMark, daysOf, firstDay, sessionsOfDay, sessionState } from '../department.logic';
import { ReleaseNotice } from './release-notice';
import { SessionCard } from './session-card';

interface Props {
  schedules: ScheduleSummary[];
  /**
   * The department all its sessions are of (not a doctor's selection): a day of it booked full
   * offers one waitlist for all its sessions.
   */
  departmentId?: string;
  today: string;
  /** How many days the grid shows, today first. */
  count: number;
  /** The hospital's release rule: when a day without sessions yet opens. */
  releaseRule: ReleaseRule;
  now: number;
  /** A release or a pull came due: the page loads its sessions again. */
  onReload: () => void;
}

/**
 * The date grid and the chosen day's sessions (a department's or a doctor's): each day says
 * whether it has numbers, or when it opens; an open session leads to the confirm page, a full one
 * whose waitlist (候补) is open to joining it.
 */
export function ScheduleDays({ schedules, departmentId, today, count, releaseRule, now, onReload }: Props) {
  const [chosen, setChosen] = useState<string | undefined>();
  // the rule book says until when a full session's waitlist is open; without it none is offered
  const [rules, setRules] = useState<BookingRulesView | null>(null);
  useEffect(() => {
    bookingRulesView().then(setRules, () => setRules(null));
  }, []);
  const days = daysOf(schedules, today, count, now, releaseRule);
  useEffect(() => {
    if (!chosen || !days.some((d) => d.date === chosen)) setChosen(firstDay(days));
  }, [days, chosen]);
  const day = days.find((d) => d.date === chosen);
  const sessions = chosen ? sessionsOfDay(schedules, chosen) : [];
  // every session of the day full but still waitable: one waitlist for whichever frees first
  const waitDay =
    departmentId !== undefined &&
    rules !== null &&
    sessions.length > 1 &&
    sessions.every((s) => offersWaitlist(s, rules, now));

  return (
    <View>
      {/* One scrolling row of days: on a 320 px screen two weeks in a grid pushed the sessions out of sight. */}
      <ScrollView scrollX className="department__strip">
        <View className="department__days" aria-label="选择日期">
          {days.map((d) => (
            <View
              key={d.date}
              className={`department__day${d.date === chosen ? ' department__day--on' : ''}`}
              aria-pressed={d.date === chosen}
              data-testid="schedule-day"
              data-date={d.date}
              {...tapProps(() => setChosen(d.date))}
            >
              <Text className="department__day-label">{relativeDayLabel(d.date, today)}</Text>
              <Text className="department__day-label">{weekday(d.date)}</Text>
              <Text className="department__day-count">{dayMark(d)}</Text>
            </View>
          ))}
        </View>
      </ScrollView>
      {day?.releaseAt && <ReleaseNotice releaseAt={day.releaseAt} now={now} onReleased={onReload} />}
      {waitDay && (
        <ActionButton
          kind="secondary"
          block
          onClick={() => open(withQuery(ROUTES.waitlistJoin, { departmentId, date: chosen }))}
          testId="department-waitlist-day"
        >
          当日均已约满，候补当日任一时段
        </ActionButton>
      )}
      {sessions.length === 0 ? (
        <EmptyState
          text={day?.releaseAt ? '这一天的号源尚未放出，请在放号后预约' : '这一天没有出诊安排，请选择其他日期'}
        />
      ) : (
        sessions.map((s) => (
          <SessionCard
            key={s.id}
            schedule={s}
            state={sessionState(s, now)}
            onBook={() => open(withQuery(ROUTES.confirm, { scheduleId: s.id }))}
            onWaitlist={
              rules && offersWaitlist(s, rules, now)
                ? () => open(withQuery(ROUTES.waitlistJoin, { scheduleId: s.id }))
                : undefined
            }
            onReleased={onReload}
          />
        ))
      )}
    </View>
  );
}
