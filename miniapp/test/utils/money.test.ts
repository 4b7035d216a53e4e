import { yuan } from '../../src/utils/money';

describe('yuan', () => {
  it('shows integer fen as yuan with two decimals', () => {
    expect(yuan(0)).toBe('¥0.00');
    expect(yuan(5)).toBe('¥0.05');
    expect(yuan(1250)).toBe('¥12.50');
    expect(yuan(100_000)).toBe('¥1000.00');
    expect(yuan(-300)).toBe('-¥3.00');
  });
});
