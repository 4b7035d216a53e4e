import type { BookingRules } from '../../config/config.js';
import { newId } from '../../shared/ids.js';
import { DAY_MS } from '../../shared/time.js';
import type { Queryable } from '../sql/bulk-insert.js';
import { insertRows } from '../sql/table.js';
import {
  Announcement,
  HelpArticle,
  publishedContent,
  type AnnouncementRow,
  type HelpArticleRow,
} from '../entities/index.js';

interface Article {
  category: string;
  question: string;
  answer: string;
}

/** Help-centre articles; the numbers come from the rules in force, so the text never contradicts them. */
export function helpArticles(r: BookingRules): Article[] {
  const payMinutes = Math.round(r.paymentWindowMs / 60_000);
  const cancelDay = r.cancelDeadlineDaysBefore === 0 ? '就诊当日' : `就诊前 ${r.cancelDeadlineDaysBefore} 天`;
  return [
    {
      category: '登录',
      question: '如何登录预约挂号平台？',
      answer:
        '在微信、支付宝或百度中打开本平台小程序，点击“登录”并授权即可；也可以使用手机号加短信验证码登录。首次登录会自动注册账号。',
    },
    {
      category: '登录',
      question: '收不到短信验证码怎么办？',
      answer:
        '请确认手机号填写正确、手机未拦截短信，等待 60 秒后可重新获取。同一手机号每天获取验证码的次数有限，如多次失败请稍后再试。',
    },
    {
      category: '登录',
      question: '如何绑定微信或更换手机号？',
      answer:
        '在“我的—账号与安全”中可绑定其他平台的账号，或通过短信验证更换手机号。绑定后，用任一方式登录都能看到同一账号下的就诊人和预约。',
    },
    {
      category: '实名认证',
      question: '为什么要实名认证？',
      answer:
        '为防止号贩子倒号，本市实行实名制预约：就诊人须通过姓名与身份证号码核验后才能预约，就诊时凭本人有效证件取号。',
    },
    {
      category: '实名认证',
      question: '一个账号可以添加几位就诊人？',
      answer: '每个账号最多添加 5 位就诊人（本人、家人等），每位就诊人均需完成实名认证。',
    },
    {
      category: '实名认证',
      question: '实名认证提示“姓名与身份证号码不一致”怎么办？',
      answer:
        '请核对姓名中的生僻字、身份证号码末位 X 等是否填写正确。确认无误仍无法通过的，请携带身份证到医院窗口办理。',
    },
    {
      category: '预约',
      question: '每天几点放号？可以预约多少天内的号？',
      answer:
        '各医院放号时间与预约周期不同（如每日 08:30 放出第 7 天的号），请在医院主页查看“放号规则”。号源放出后先到先得。',
    },
    {
      category: '预约',
      question: '预约次数有什么限制？',
      answer: `同一就诊人在 ${r.windowDays} 天内最多预约 ${r.maxPerWindow} 次；同一就诊人同一科室同一时段（上午/下午）只能预约 1 个号；就诊时间不能互相冲突。`,
    },
    {
      category: '预约',
      question: '号源约满了怎么办？',
      answer: '可关注其他日期或其他医生的号源；取消的号源会重新放回号池，请稍后刷新查看。',
    },
    {
      category: '取消',
      question: '如何取消预约？',
      answer: `在“我的预约”中选择订单并点击“取消预约”。取消截止时间为${cancelDay} ${r.cancelDeadlineTime}，超过截止时间不能在线取消。`,
    },
    { category: '取消', question: '取消预约后号源去哪里了？', answer: '取消后的号源会立即放回号池，供其他患者预约。' },
    {
      category: '爽约与黑名单',
      question: '什么是爽约？',
      answer: '预约成功后既未按时就诊、也未在截止时间前取消，即视为爽约。',
    },
    {
      category: '爽约与黑名单',
      question: '爽约会有什么影响？',
      answer:
        `${r.noShowWindowDays} 天内累计爽约 ${r.noShowThreshold} 次，` +
        `将暂停预约资格 ${r.blacklistDays} 天。暂停期间可在“我的”中查看恢复日期；如有异议可联系平台客服申诉。`,
    },
    {
      category: '支付与退款',
      question: '挂号费怎么支付？',
      answer: `预约本身免费。支持在线支付的医院，请在预约后 ${payMinutes} 分钟内通过微信支付或支付宝支付挂号费，超时未支付预约自动取消、号源释放；其他医院于就诊当日在医院缴费。`,
    },
    {
      category: '支付与退款',
      question: '取消预约后如何退款？',
      answer: '在截止时间前取消已支付的预约，挂号费将原路退回，一般 1–7 个工作日到账。',
    },
    {
      category: '敬老版',
      question: '如何切换到敬老版（长辈版）？',
      answer: '在首页或“我的—设置”中点击“长辈版”即可切换。长辈版字体更大、对比更强、步骤更少，随时可切换回标准版。',
    },
    {
      category: '敬老版',
      question: '可以替家中老人预约吗？',
      answer: '可以。将老人添加为就诊人并完成实名认证后，即可代为预约；就诊时老人凭本人身份证取号。',
    },
  ];
}

const platformAnnouncements = (r: BookingRules): [number, string, string][] => [
  [
    0,
    '关于实行实名制预约挂号的公告',
    '为维护正常就医秩序、打击号贩子，本市医院预约挂号实行实名制：预约前须完成就诊人实名认证，就诊时凭本人有效身份证件取号。',
  ],
  [
    1,
    '爽约管理规则调整说明',
    `自即日起，就诊人 ${r.noShowWindowDays} 天内累计爽约 ${r.noShowThreshold} 次的，暂停预约资格 ${r.blacklistDays} 天。请预约后按时就诊，如不能就诊请提前取消。`,
  ],
  [3, '长辈版正式上线', '为方便老年朋友就医，平台推出“长辈版”：字体更大、操作更简单。可在首页或设置中一键切换。'],
  [
    5,
    '在线支付挂号费服务扩展至更多医院',
    '部分医院已支持预约时在线支付挂号费，支付后就诊当日无需排队缴费，可直接到科室报到。',
  ],
  [8, '系统维护通知', '平台将于本周日 02:00–04:00 进行系统维护，期间预约、取消功能暂停使用，查询功能不受影响。'],
  [
    12,
    '谨防非官方渠道挂号诈骗',
    '本平台是本市唯一官方统一预约挂号平台，预约免费。请勿相信任何收费代挂号的信息，以免上当受骗。',
  ],
];

/** Platform announcements, a few hospital notices, and the help centre. */
export async function writeDemoContent(
  tx: Queryable,
  now: number,
  rules: BookingRules,
  hospitalIds: { id: string; name: string }[],
): Promise<{ announcements: number; helpArticles: number }> {
  const announcements: AnnouncementRow[] = platformAnnouncements(rules).map(([daysAgo, title, body], i) => ({
    id: newId(),
    hospitalId: null,
    title,
    body,
    ...publishedContent(now - daysAgo * DAY_MS - i * 60_000),
    demo: true,
  }));
  hospitalIds.slice(0, 8).forEach((h, i) => {
    announcements.push({
      id: newId(),
      hospitalId: h.id,
      title: `${h.name}门诊安排调整通知`,
      body: `${h.name}部分科室门诊时间有所调整，请以平台显示的出诊信息为准。如遇专家临时停诊，平台将以短信通知已预约的患者。`,
      ...publishedContent(now - ((i + 1) * DAY_MS) / 2),
      demo: true,
    });
  });
  const help: HelpArticleRow[] = helpArticles(rules).map((a, i) => ({
    id: newId(),
    ...a,
    sort: (i + 1) * 10,
    ...publishedContent(now),
  }));
  await insertRows(tx, Announcement, announcements);
  await insertRows(tx, HelpArticle, help);
  return { announcements: announcements.length, helpArticles: help.length };
}
