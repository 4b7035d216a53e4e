/**
 * The names patients use for departments (心内科, 消化科, 妇科…) and the departments' own names they
 * stand for. The one place to add a word: the search matches each alias by its text, its pinyin
 * initials and its full pinyin, and finds every department named by one of its `names`.
 * A department whose own name is the alias is found by its name anyway.
 */
export interface DepartmentAlias {
  /** What patients say or type. */
  words: readonly string[];
  /** The departments' names, as hospitals publish them. */
  names: readonly string[];
}

export const DEPARTMENT_ALIASES: readonly DepartmentAlias[] = [
  { words: ['心内科', '心脏科', '心血管科'], names: ['心血管内科', '心脏内科', '心内科'] },
  { words: ['消化科', '胃肠科', '肠胃科'], names: ['消化内科', '消化科'] },
  { words: ['妇科', '产科'], names: ['妇产科'] },
  { words: ['眼睛科', '眼病科'], names: ['眼科', '眼科门诊'] },
  { words: ['口腔科', '牙科'], names: ['口腔内科', '牙体牙髓科', '牙周科', '口腔颌面外科', '口腔修复科'] },
  { words: ['皮肤科', '皮肤病科'], names: ['皮肤性病科', '中医皮肤科'] },
  { words: ['骨科', '骨伤科'], names: ['骨科', '创伤骨科', '关节外科', '脊柱外科'] },
  { words: ['神内', '神经科'], names: ['神经内科'] },
  { words: ['神外'], names: ['神经外科'] },
  { words: ['呼吸科', '肺科'], names: ['呼吸内科', '呼吸与危重症医学科', '肺病科'] },
  { words: ['儿科', '小儿科'], names: ['儿内科', '儿科门诊'] },
  {
    words: ['耳鼻喉科', '耳鼻喉', '五官科'],
    names: ['耳鼻咽喉科', '耳鼻咽喉头颈外科', '耳科', '鼻科', '咽喉科'],
  },
  { words: ['泌尿科'], names: ['泌尿外科'] },
  { words: ['内分泌科', '糖尿病科'], names: ['内分泌科', '内分泌代谢科'] },
  { words: ['肾内科', '肾科'], names: ['肾内科', '肾脏内科', '肾病科'] },
  {
    words: ['中医科'],
    names: ['中医内科', '中医外科', '中医妇科', '中医儿科', '中医妇儿科', '中医皮肤科', '中医肿瘤科', '针灸科'],
  },
  { words: ['精神科', '心理科', '心理'], names: ['精神科', '心理科', '精神心理科', '临床心理科', '心理行为科'] },
  { words: ['普外科'], names: ['普通外科'] },
  { words: ['乳腺科'], names: ['乳腺外科'] },
  { words: ['肿瘤科'], names: ['肿瘤内科', '肿瘤外科', '放射治疗科'] },
  { words: ['放疗科'], names: ['放射治疗科'] },
];
