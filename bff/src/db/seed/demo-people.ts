import type { Prng } from './prng.js';

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '胡',
  '朱',
  '高',
  '林',
  '何',
  '郭',
  '马',
  '罗',
  '梁',
  '宋',
  '郑',
  '谢',
  '韩',
  '唐',
  '冯',
  '于',
  '董',
  '萧',
  '程',
  '曹',
  '袁',
  '邓',
  '许',
  '傅',
  '沈',
  '曾',
  '彭',
  '吕',
  '苏',
  '卢',
  '蒋',
  '蔡',
  '贾',
  '丁',
  '魏',
  '薛',
  '叶',
  '阎',
];
const GIVEN = [
  '建国',
  '秀英',
  '志强',
  '丽华',
  '海燕',
  '晓明',
  '文静',
  '国庆',
  '春梅',
  '立新',
  '红梅',
  '永刚',
  '雪梅',
  '卫东',
  '淑珍',
  '振华',
  '玉兰',
  '明辉',
  '慧敏',
  '俊杰',
  '晓燕',
  '德明',
  '桂芳',
  '世杰',
  '静怡',
  '宏伟',
  '丽娟',
  '子涵',
  '思远',
  '婧',
  '磊',
  '敏',
  '勇',
  '静',
  '军',
  '洁',
  '涛',
  '颖',
  '强',
  '芳',
  '鹏',
  '琳',
  '昊',
  '蕾',
  '哲',
  '妍',
];

export const TITLES = { chief: '主任医师', associate: '副主任医师', attending: '主治医师' } as const;
export type TitleKey = keyof typeof TITLES;

/** A doctor's name not yet used in the hospital. */
export function doctorName(rng: Prng, used: Set<string>): string {
  for (let i = 0; i < 50; i++) {
    const name = rng.pick(SURNAMES) + rng.pick(GIVEN);
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
  const name = `${rng.pick(SURNAMES)}${rng.pick(GIVEN)}${used.size}`;
  used.add(name);
  return name;
}

export function doctorSpecialty(rng: Prng, topics: string[]): string {
  return `${rng.sample(topics, Math.min(topics.length, rng.int(2, 3))).join('、')}的诊治`;
}

export function doctorIntro(rng: Prng, title: TitleKey, department: string): string {
  const years = title === 'chief' ? rng.int(25, 35) : title === 'associate' ? rng.int(15, 24) : rng.int(6, 14);
  const extra =
    title === 'chief'
      ? rng.pick(['，博士研究生导师', '，硕士研究生导师', '，科室学科带头人', ''])
      : title === 'associate'
        ? rng.pick(['，医学博士', '，硕士研究生导师', ''])
        : rng.pick(['，医学硕士', '']);
  return `${TITLES[title]}${extra}。从事${department}临床工作${years}年，临床经验丰富。`;
}
