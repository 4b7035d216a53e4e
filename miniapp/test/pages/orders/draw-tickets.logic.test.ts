import { ticketOutcomeText, ticketSessionText } from '../../../src/pages/orders/draw-tickets.logic';

describe('a draw ticket as 我的预约 shows it', () => {
  it('names the session by its day and period', () => {
    expect(ticketSessionText({ date: '2026-12-07', period: 'afternoon' })).toBe('12月7日 周一 下午');
  });

  it('says what became of it: waiting, booked, or why not', () => {
    expect(ticketOutcomeText({ state: 'pending', reason: null })).toBe('放号抽签进行中，抽签结束后将通知您结果');
    expect(ticketOutcomeText({ state: 'won', reason: null })).toBe('抽签成功，已为您预约');
    expect(ticketOutcomeText({ state: 'lost', reason: '号源已被抽完' })).toBe('未约上：号源已被抽完');
    expect(ticketOutcomeText({ state: 'lost', reason: null })).toBe('未约上：号源已被抽完');
  });
});
