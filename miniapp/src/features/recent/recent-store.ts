import Taro from '@tarojs/taro';

/**
 * A short most-recent-first list kept on the device (recent hospitals, the last patient chosen):
 * the elder edition puts these first so a returning patient needs fewer steps.
 */
export function recentList<T extends { id: string }>(key: string, max: number) {
  const read = (): T[] => {
    const v = Taro.getStorageSync(key) as T[] | '';
    return Array.isArray(v) ? v : [];
  };
  return {
    read,
    remember(item: T): void {
      Taro.setStorageSync(key, [item, ...read().filter((x) => x.id !== item.id)].slice(0, max));
    },
  };
}

export interface RecentHospital {
  id: string;
  name: string;
  levelName: string;
  district: string;
}

export const recentHospitals = recentList<RecentHospital>('cityhealth.recent-hospitals', 5);
export const lastPatient = recentList<{ id: string }>('cityhealth.last-patient', 1);
