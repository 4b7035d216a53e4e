/**
 * Where some demo hospitals are on the map (GCJ-02 degrees, approximate: read off public maps at
 * street level). The others have none and their map link searches for the address instead.
 */
export const DEMO_HOSPITAL_LOCATIONS: Readonly<Record<string, { latitude: number; longitude: number }>> = {
  北京协和医院: { latitude: 39.913, longitude: 116.417 },
  北京医院: { latitude: 39.904, longitude: 116.414 },
  首都医科大学附属北京同仁医院: { latitude: 39.9, longitude: 116.417 },
  北京大学第一医院: { latitude: 39.931, longitude: 116.378 },
  北京大学人民医院: { latitude: 39.936, longitude: 116.355 },
  首都医科大学宣武医院: { latitude: 39.896, longitude: 116.364 },
  北京大学第三医院: { latitude: 39.983, longitude: 116.364 },
};
