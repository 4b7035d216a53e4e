import { ApiError } from '../../../src/api/api-error';
import {
  blockingOrder,
  bookingRequest,
  bookingRuleLines,
  cancelTerms,
  fairDrawNote,
  foldedSlots,
  freeSlots,
  patientChoice,
  preselectedPatient,
  submitBlocker,
  waitsForDraw,
} from '../../../src/packages/booking/confirm.logic';
import { patient } from '../../support/fixtures';

const TODAY = '2026-11-22';

describe('booking confirm logic', () => {
  it('lets only verified patients who are not suspended be chosen, and says why not', () => {
    expect(patientChoice(patient(), TODAY)).toEqual({ selectable: true });
    expect(patientChoice(patient({ verified: false }), TODAY)).toEqual({
      selectable: false,
      reason: '需先完成实名认证',
    });
    expect(patientChoice(patient({ blacklistedUntil: '2027-02-20' }), TODAY)).toEqual({
      selectable: false,
      reason: '因爽约暂停预约至 2027-02-20',
    });
    // The suspension ends with its last day.
    expect(patientChoice(patient({ blacklistedUntil: '2026-11-22' }), TODAY).selectable).toBe(false);
    expect(patientChoice(patient({ blacklistedUntil: '2026-11-21' }), TODAY).selectable).toBe(true);
  });

  it('pre-selects the last patient chosen, else the only selectable one, else nobody', () => {
    const me = patient({ id: 'me' });
    const mother = patient({ id: 'mother', name: '李桂兰', relation: 'parent' });
    const unverified = patient({ id: 'new', verified: false });
    expect(preselectedPatient([me, mother], TODAY, 'mother')).toBe('mother');
    expect(preselectedPatient([me, mother], TODAY)).toBeUndefined();
    expect(preselectedPatient([me, unverified], TODAY)).toBe('me');
    expect(preselectedPatient([me, unverified], TODAY, 'new')).toBe('me');
    expect(preselectedPatient([unverified], TODAY)).toBeUndefined();
    expect(preselectedPatient([], TODAY)).toBeUndefined();
  });

  it('names the first thing missing before the booking can be sent', () => {
    expect(submitBlocker({ freeCount: 0, patientId: 'me', agreed: true })).toBe('该时段号源已约满');
    expect(submitBlocker({ freeCount: 3, agreed: true })).toBe('请选择就诊人');
    expect(submitBlocker({ freeCount: 3, patientId: 'me', agreed: false })).toBe('请阅读并同意预约须知');
    expect(submitBlocker({ freeCount: 3, patientId: 'me', agreed: true })).toBeNull();
  });

  it('books a chosen time window by its slot, otherwise the next free slot of the session', () => {
    expect(bookingRequest('s1', 'me', 'slot-7')).toEqual({ slotId: 'slot-7', patientId: 'me' });
    expect(bookingRequest('s1', 'me')).toEqual({ scheduleId: 's1', patientId: 'me' });
  });

  it('offers only free slots', () => {
    const slots = [
      { id: 'a', seq: 1, status: 'free' },
      { id: 'b', seq: 2, status: 'busy' },
      { id: 'c', seq: 3, status: 'free' },
    ] as Parameters<typeof freeSlots>[0];
    expect(freeSlots(slots).map((s) => s.id)).toEqual(['a', 'c']);
  });

  it('folds a long list of time windows to the first free ones, keeping the chosen one in sight', () => {
    const free = Array.from({ length: 30 }, (_, i) => ({ id: `s${i + 1}`, seq: i + 1, status: 'free' })) as Parameters<
      typeof foldedSlots
    >[0];
    const ids = (r: ReturnType<typeof foldedSlots>) => r.shown.map((s) => s.id);
    expect(ids(foldedSlots(free, undefined))).toEqual(['s1', 's2', 's3', 's4']);
    expect(foldedSlots(free, undefined).hidden).toBe(26);
    // A window chosen from the unfolded list stays visible once folded again.
    expect(ids(foldedSlots(free, 's20'))).toEqual(['s1', 's2', 's3', 's4', 's20']);
    expect(foldedSlots(free, 's20').hidden).toBe(25);
    expect(ids(foldedSlots(free, 's2'))).toEqual(['s1', 's2', 's3', 's4']);
    // Few windows: nothing to fold.
    expect(foldedSlots(free.slice(0, 3), undefined)).toEqual({ shown: free.slice(0, 3), hidden: 0 });
  });

  it("states this session's own cancellation deadline, and warns once it has passed", () => {
    const now = Date.parse('2026-12-01T07:58:00.000Z');
    expect(cancelTerms('2026-12-02T07:00:00.000Z', now)).toEqual({
      passed: false,
      text: '可在 2026年12月2日 周三 15:00 前取消',
    });
    const passed = cancelTerms('2026-12-01T07:00:00.000Z', now);
    expect(passed.passed).toBe(true);
    expect(passed.text).toMatch(/^本时段的取消截止时间（2026年12月1日 周二 15:00）已过：预约成功后将不能取消/);
  });

  it('finds the existing booking a one-per-session refusal names, and nothing in other refusals', () => {
    const dup = new ApiError(409, 'DUPLICATE_DEPARTMENT_SESSION', '…', {
      orderId: 'o1',
      orderNo: 'N1',
      status: 'pending',
    });
    expect(blockingOrder(dup)).toEqual({ id: 'o1', pending: true });
    expect(
      blockingOrder(new ApiError(409, 'DUPLICATE_DEPARTMENT_SESSION', '…', { orderId: 'o1', status: 'booked' })),
    ).toEqual({ id: 'o1', pending: false });
    // Another account's booking of the same person is never shown.
    expect(blockingOrder(new ApiError(409, 'DUPLICATE_DEPARTMENT_SESSION', '…'))).toBeNull();
    expect(blockingOrder(new ApiError(409, 'SLOT_GONE', '…', { orderId: 'o1' }))).toBeNull();
  });

  it('words the rules with the numbers the server states, not numbers of its own', () => {
    const lines = bookingRuleLines({
      maxPerWindow: 6,
      windowDays: 7,
      paymentWindowMinutes: 20,
      cancelDeadline: { daysBefore: 2, time: '12:00' },
      noShow: { threshold: 2, windowDays: 60, suspendDays: 180 },
      waitlist: { maxPerPerson: 3, closes: { daysBefore: 1, time: '20:00' } },
      childMaxAge: 16,
    });
    expect(lines).toContain('60 天内爽约 2 次将暂停预约 180 天。');
    expect(lines).toContain('同一就诊人 7 天内最多预约 6 次。');
    expect(lines).toContain('需在线支付的预约，请在 20 分钟内完成支付，超时号源自动释放。');
    expect(lines.find((l) => l.startsWith('如需取消'))).toContain('就诊前 2 天 12:00');
    expect(
      bookingRuleLines({
        maxPerWindow: 10,
        windowDays: 8,
        paymentWindowMinutes: 15,
        cancelDeadline: { daysBefore: 1, time: '15:00' },
        noShow: { threshold: 3, windowDays: 30, suspendDays: 90 },
        waitlist: { maxPerPerson: 3, closes: { daysBefore: 1, time: '20:00' } },
        childMaxAge: 16,
      }).join(''),
    ).toContain('就诊前一天 15:00');
  });

  it('tells of the release draw until its window has passed, and which requests wait for it', () => {
    const s = { releaseAt: '2026-11-22T00:00:00.000Z', fairDrawUntil: '2026-11-22T00:00:03.000Z' };
    const at = (iso: string) => Date.parse(iso);
    expect(fairDrawNote(s, at('2026-11-21T23:00:00.000Z'))).toBe(
      '公平放号：放号后 3 秒内提交的预约统一抽签决定，与提交先后无关，无需抢快；抽签结束即告知结果',
    );
    expect(fairDrawNote(s, at('2026-11-22T00:00:03.000Z'))).toBeNull();
    expect(fairDrawNote({ releaseAt: s.releaseAt }, at('2026-11-21T23:00:00.000Z'))).toBeNull();
    expect(waitsForDraw(s, at('2026-11-21T23:59:59.999Z'))).toBe(false);
    expect(waitsForDraw(s, at('2026-11-22T00:00:00.000Z'))).toBe(true);
    expect(waitsForDraw(s, at('2026-11-22T00:00:02.999Z'))).toBe(true);
    expect(waitsForDraw(s, at('2026-11-22T00:00:03.000Z'))).toBe(false);
    expect(waitsForDraw({ releaseAt: s.releaseAt }, at('2026-11-22T00:00:01.000Z'))).toBe(false);
  });
});
