import { render, screen } from '@testing-library/react';
import { ErrorState, LoadingState } from '../../src/components/state-view';
import { api } from '../../src/api';

describe('page test harness', () => {
  it('renders the app components in jsdom', () => {
    render(
      <>
        <LoadingState />
        <ErrorState message="网络连接失败，请检查网络后重试" onRetry={() => undefined} />
      </>,
    );
    expect(screen.getByText('正在加载…')).toBeTruthy();
    expect(screen.getByTestId('state-retry').textContent).toBe('重新加载');
  });

  it('reaches the real BFF through the API client', async () => {
    const page = await api.hospitals({ pageSize: 3 });
    expect(page.items.length).toBeGreaterThan(0);
    await expect(api.search('')).rejects.toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
  });
});
