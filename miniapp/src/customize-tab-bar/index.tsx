// Alipay looks for its custom tab bar under this name; it is the same bar as WeChat's.
export { default } from '../custom-tab-bar/index';
