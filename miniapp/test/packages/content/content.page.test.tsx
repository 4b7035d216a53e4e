import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { api } from '../../../src/api';
import AnnouncementPage from '../../../src/packages/content/announcement';
import AnnouncementsPage from '../../../src/packages/content/announcements';
import HelpPage from '../../../src/packages/content/help';
import { navigations, phoneCalls, resetTaro } from '../../support/taro-api';

describe('announcements and help pages', () => {
  it('lists the platform’s announcements and opens one', async () => {
    resetTaro('packages/content/announcements');
    const { items } = await api.announcements({ pageSize: 10 });
    expect(items.length).toBeGreaterThan(0);
    render(<AnnouncementsPage />);
    const cards = await screen.findAllByTestId('announcement-item');
    expect(cards).toHaveLength(items.length);
    expect(cards[0]!.textContent).toContain(items[0]!.title);
    fireEvent.click(cards[0]!);
    expect(navigations).toEqual([
      { kind: 'navigateTo', url: `/packages/content/announcement?id=${encodeURIComponent(items[0]!.id)}` },
    ]);
  });

  it('opens an announcement from a link (not listed before) and says so when it does not exist', async () => {
    const { items } = await api.announcements({ pageSize: 1 });
    resetTaro('packages/content/announcement', { id: items[0]!.id });
    const { unmount } = render(<AnnouncementPage />);
    expect((await screen.findByTestId('announcement-detail')).textContent).toContain(items[0]!.title);
    unmount();

    resetTaro('packages/content/announcement', { id: '01a00000-0000-7000-8000-000000000000' });
    render(<AnnouncementPage />);
    expect((await screen.findByTestId('state-error')).textContent).toContain('公告不存在或已撤下');
  });

  it('groups help by category, opens an answer in place, searches and dials the hotline', async () => {
    resetTaro('packages/content/help');
    const { items } = await api.help();
    render(<HelpPage />);
    const questions = await screen.findAllByTestId('help-question');
    expect(questions).toHaveLength(items.length);
    expect(screen.queryByTestId('help-answer')).toBeNull();
    fireEvent.click(questions[1]!);
    expect(screen.getByTestId('help-answer').textContent).toBe(items[1]!.answer);
    expect(questions[1]!.getAttribute('aria-expanded')).toBe('true');

    fireEvent.change(screen.getByTestId('help-search'), { target: { value: '验证码' } });
    await waitFor(() => expect(screen.getAllByTestId('help-question').length).toBeLessThan(items.length));
    for (const q of screen.getAllByTestId('help-question')) {
      const article = items.find((a) => q.textContent?.includes(a.question))!;
      expect(`${article.question}${article.answer}`).toContain('验证码');
    }
    fireEvent.change(screen.getByTestId('help-search'), { target: { value: '这个词不会出现在帮助里' } });
    expect((await screen.findByTestId('state-empty')).textContent).toContain('可拨打热线咨询');

    fireEvent.click(screen.getByTestId('help-call'));
    expect(phoneCalls).toEqual(['12320']);
  });
});
