/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.svg';
declare module '*.scss';

/** Build-time default edition: 'elder' when built with TARO_APP_EDITION=elder. */
declare const __EDITION__: 'standard' | 'elder';
/** Origin of the BFF ('' on H5: same origin). */
declare const __API_BASE__: string;

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV?: 'weapp' | 'alipay' | 'swan' | 'h5';
  }
}
