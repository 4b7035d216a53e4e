import Taro from '@tarojs/taro';

export const LOGIN_PAGE = '/pages/login/index';

let redirecting = false;

/** Opens the login page once (several requests may fail together), remembering where the patient was. */
export function sendToLogin(): void {
  if (redirecting) return;
  const pages = Taro.getCurrentPages();
  const here = pages[pages.length - 1];
  if (here && `/${here.route ?? ''}`.startsWith(LOGIN_PAGE)) return;
  redirecting = true;
  const back = here?.route ? `/${here.route}` : '';
  Taro.navigateTo({ url: `${LOGIN_PAGE}${back ? `?back=${encodeURIComponent(back)}` : ''}` }).finally(() => {
    redirecting = false;
  });
}
