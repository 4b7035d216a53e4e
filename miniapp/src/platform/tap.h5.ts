import type { TapPropsFactory } from './types';

/** Browser: focusable and activated by Enter or Space like a native button. */
export const tapProps: TapPropsFactory = (onTap, role = 'button') => ({
  role,
  onClick: onTap,
  tabIndex: 0,
  onKeyDown: (e) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    onTap();
  },
});
