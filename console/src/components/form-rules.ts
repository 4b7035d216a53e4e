import type { Rule } from 'antd/es/form';

/**
 * A choice that must be made, for a Select. Not `required: true`: antd then puts aria-required on
 * the Select's wrapper, where ARIA does not allow it (axe: aria-allowed-attr); a validator says the
 * same to the person without it.
 */
export const mustChoose = (message: string): Rule => ({
  validator: (_, value: unknown) =>
    value === undefined || value === null || value === '' ? Promise.reject(new Error(message)) : Promise.resolve(),
});
