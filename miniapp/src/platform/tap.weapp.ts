import type { TapPropsFactory } from './types';

/** Mini-programs: a tap is the only way in; the role tells the screen reader it is a button. */
export const tapProps: TapPropsFactory = (onTap, role = 'button') => ({ role, onClick: onTap });
