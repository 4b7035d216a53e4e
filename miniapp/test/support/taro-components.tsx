import { createElement, type PropsWithChildren } from 'react';

/*
 * The Taro components the pages use, as plain DOM elements for page tests in jsdom. They keep the
 * contract the pages rely on (className, data-*, aria-*, onClick, Input's onInput(e.detail.value));
 * how Taro itself renders them is covered by the browser journeys and the weapp simulator.
 */

type Props = PropsWithChildren<Record<string, unknown>>;

function domProps(props: Props): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) {
    if (k === 'children' || v === undefined) continue;
    if (
      k === 'className' ||
      k === 'style' ||
      k === 'role' ||
      k === 'onClick' ||
      k === 'id' ||
      k.startsWith('data-') ||
      k.startsWith('aria-')
    )
      out[k] = v;
  }
  return out;
}

export const View = (p: Props) => createElement('div', domProps(p), p.children);
export const Text = (p: Props) => createElement('span', domProps(p), p.children);
export const ScrollView = View;
export const Block = (p: Props) => createElement('div', {}, p.children);
export const Image = (p: Props) => createElement('img', { ...domProps(p), src: p.src, alt: p.alt ?? '' });
export const Label = View;

export const Button = (p: Props) =>
  createElement(
    'button',
    { ...domProps(p), type: 'button', disabled: Boolean(p.disabled), 'aria-busy': p.loading ? 'true' : undefined },
    p.children,
  );

export const Input = (p: Props) =>
  createElement('input', {
    ...domProps(p),
    value: (p.value as string | undefined) ?? '',
    placeholder: p.placeholder,
    disabled: Boolean(p.disabled),
    maxLength: typeof p.maxlength === 'number' && p.maxlength > 0 ? p.maxlength : undefined,
    type: p.password ? 'password' : 'text',
    onChange: (e: { target: { value: string } }) =>
      (p.onInput as ((ev: { detail: { value: string } }) => void) | undefined)?.({ detail: { value: e.target.value } }),
  });

export const Textarea = (p: Props) =>
  createElement('textarea', {
    ...domProps(p),
    value: (p.value as string | undefined) ?? '',
    onChange: (e: { target: { value: string } }) =>
      (p.onInput as ((ev: { detail: { value: string } }) => void) | undefined)?.({ detail: { value: e.target.value } }),
  });

export const Switch = (p: Props) =>
  createElement('input', {
    ...domProps(p),
    type: 'checkbox',
    checked: Boolean(p.checked),
    onChange: (e: { target: { checked: boolean } }) =>
      (p.onChange as ((ev: { detail: { value: boolean } }) => void) | undefined)?.({
        detail: { value: e.target.checked },
      }),
  });
