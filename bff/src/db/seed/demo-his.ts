/**
 * The demo hospitals whose own system (an emulated HIS) publishes their departments, doctors and
 * sessions through the hospital interface on first start, instead of the seed writing them. Outer
 * districts' level-2 hospitals paid at the hospital: the browser tests and the catalog tests use others.
 */
export const DEMO_HIS_HOSPITALS: readonly string[] = ['北京市顺义区医院', '北京怀柔医院', '北京市平谷区医院'];
