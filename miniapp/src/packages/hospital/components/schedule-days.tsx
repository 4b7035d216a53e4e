import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { ReleaseRule, ScheduleSummary } from '@cityhealth/shared-types';
import { EmptyState } from '../../../components/state-view';
import { open } from '../../../features/navigation';
import { tapProps } from '../../../platform/tap';
import { ROUTES, withQuery } from '../../../routes';
import { relativeDayLabel, weekday } from '../../../utils/time';
import { dayMark, daysOf, firstDay, sessionsOfDay, sessionState } from '../department.logic';
import { ReleaseNotice } from './release-notice';
import { SessionCard } from './session-card';

interface Props {
  schedules: ScheduleSummary[];
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
 * whether it has numbers, or when it opens; an open session leads to the confirm page.
 */
export function ScheduleDays({ schedules, today, count, releaseRule, now, onReload }: Props) {
  const [chosen, setChosen] = useState<string | undefined>();
  const days = daysOf(schedules, today, count, now, releaseRule);
  useEffect(() => {
    if (!chosen || !days.some((d) => d.date === chosen)) setChosen(firstDay(days));
  }, [days, chosen]);
  const day = days.find((d) => d.date === chosen);
  const sessions = chosen ? sessionsOfDay(schedules, chosen) : [];

  return (
    <View>
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
      {day?.releaseAt && <ReleaseNotice releaseAt={day.releaseAt} now={now} onReleased={onReload} />}
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
            onReleased={onReload}
          />
        ))
      )}
    </View>
  );
}
