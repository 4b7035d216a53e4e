/* The few native APIs the platform files call directly (Taro's cross-platform API covers the rest). */

declare const wx: {
  getAppBaseInfo?: () => { fontSizeScaleFactor?: number };
};

declare const my: {
  getAuthCode(o: {
    scopes: string;
    success: (r: { authCode: string }) => void;
    fail: (e: { errorMessage?: string }) => void;
  }): void;
  tradePay(o: {
    tradeNO: string;
    success: (r: { resultCode: string }) => void;
    fail: (e: { errorMessage?: string }) => void;
  }): void;
  getSystemInfoSync(): { fontSizeSetting?: number };
};

declare const swan: {
  getLoginCode(o: { success: (r: { code: string }) => void; fail: (e: { errMsg?: string }) => void }): void;
  requestPolymerPayment(o: {
    orderInfo: Record<string, string | number>;
    success: () => void;
    fail: (e: { errCode?: number; errMsg?: string }) => void;
  }): void;
  getSystemInfoSync(): { fontSizeSetting?: number };
};
