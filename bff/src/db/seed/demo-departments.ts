import type { HospitalKind } from './demo-hospitals.js';

export interface LeafTemplate {
  name: string;
  /** What its doctors treat; a doctor's specialty is drawn from these. */
  topics: string[];
  /** Runs an evening clinic (夜间门诊). */
  evening?: boolean;
}

export interface GroupTemplate {
  name: string;
  intro: string;
  /** Every hospital of the kind has it (others only the larger hospitals). */
  core?: boolean;
  children: LeafTemplate[];
}

const leaf = (name: string, topics: string, evening = false): LeafTemplate => ({
  name,
  topics: topics.split('、'),
  ...(evening ? { evening } : {}),
});

const GENERAL: GroupTemplate[] = [
  {
    name: '内科',
    intro: '诊治内科常见病、多发病及疑难重症。',
    core: true,
    children: [
      leaf('心血管内科', '冠心病、高血压、心律失常、心力衰竭、血脂异常'),
      leaf('呼吸内科', '慢性咳嗽、哮喘、慢阻肺、肺部感染、肺结节'),
      leaf('消化内科', '胃炎、消化性溃疡、炎症性肠病、肝硬化、消化道早癌内镜诊治'),
      leaf('神经内科', '脑血管病、头痛、癫痫、帕金森病、认知障碍'),
      leaf('内分泌科', '糖尿病、甲状腺疾病、骨质疏松、肥胖症、垂体疾病'),
      leaf('肾内科', '慢性肾脏病、肾小球肾炎、肾病综合征、透析管理'),
    ],
  },
  {
    name: '外科',
    intro: '开展普通外科及各专科手术治疗。',
    core: true,
    children: [
      leaf('普通外科', '甲状腺结节、疝、胆囊结石、阑尾炎、体表肿物'),
      leaf('骨科', '颈椎病、腰椎间盘突出、关节置换、骨折、运动损伤'),
      leaf('泌尿外科', '泌尿系结石、前列腺增生、泌尿系肿瘤'),
      leaf('神经外科', '脑肿瘤、脑出血、脊髓疾病、功能神经外科'),
      leaf('胸外科', '肺结节、肺癌、食管疾病、纵隔肿瘤'),
    ],
  },
  {
    name: '妇产科',
    intro: '妇科疾病诊治、孕产期保健与分娩。',
    core: true,
    children: [
      leaf('妇科', '子宫肌瘤、卵巢囊肿、宫颈疾病、月经失调'),
      leaf('产科', '孕期保健、产前检查、妊娠合并症、高危妊娠'),
    ],
  },
  {
    name: '儿科',
    intro: '0–18 岁儿童常见病诊治与生长发育评估。',
    core: true,
    children: [
      leaf('儿科门诊', '小儿发热、咳嗽、腹泻、过敏性疾病', true),
      leaf('儿童保健科', '生长发育评估、营养指导、预防接种咨询'),
    ],
  },
  {
    name: '眼科',
    intro: '眼部疾病诊治与视光服务。',
    children: [
      leaf('眼科门诊', '白内障、青光眼、结膜炎、干眼症'),
      leaf('眼底病科', '糖尿病视网膜病变、黄斑病变、视网膜脱离'),
    ],
  },
  {
    name: '耳鼻咽喉科',
    intro: '耳、鼻、咽喉及头颈部疾病诊治。',
    children: [
      leaf('耳科', '中耳炎、耳聋、耳鸣、眩晕'),
      leaf('鼻科', '鼻炎、鼻窦炎、鼻息肉、过敏性鼻炎'),
      leaf('咽喉科', '咽炎、扁桃体炎、声带疾病、睡眠呼吸暂停'),
    ],
  },
  {
    name: '口腔科',
    intro: '口腔常见病诊治、修复与正畸。',
    children: [
      leaf('口腔内科', '龋齿、牙髓炎、牙周病、口腔黏膜病'),
      leaf('口腔修复科', '牙体缺损、牙列缺损、义齿修复'),
    ],
  },
  {
    name: '皮肤科',
    intro: '皮肤病与性传播疾病诊治。',
    core: true,
    children: [leaf('皮肤科门诊', '湿疹、痤疮、银屑病、荨麻疹、真菌感染')],
  },
  {
    name: '中医科',
    intro: '中医辨证论治与针灸等特色疗法。',
    children: [
      leaf('中医内科', '失眠、脾胃病、慢性咳嗽、亚健康调理'),
      leaf('针灸科', '颈肩腰腿痛、面瘫、中风后遗症、失眠'),
    ],
  },
];

const CHILDREN: GroupTemplate[] = [
  {
    name: '儿内科',
    intro: '儿童内科疾病诊治。',
    core: true,
    children: [
      leaf('呼吸科', '肺炎、哮喘、慢性咳嗽、支原体感染', true),
      leaf('消化科', '腹泻、便秘、胃食管反流、食物过敏'),
      leaf('心脏内科', '先天性心脏病、心肌炎、川崎病'),
      leaf('神经内科', '癫痫、热性惊厥、抽动障碍、发育迟缓'),
      leaf('肾脏内科', '肾病综合征、紫癜性肾炎、泌尿系感染'),
    ],
  },
  {
    name: '儿外科',
    intro: '儿童外科疾病手术治疗。',
    core: true,
    children: [
      leaf('普外科', '疝气、鞘膜积液、阑尾炎、肠套叠'),
      leaf('骨科', '发育性髋关节发育不良、脊柱侧弯、骨折'),
      leaf('泌尿外科', '尿道下裂、隐睾、肾积水'),
    ],
  },
  {
    name: '儿童保健中心',
    intro: '生长发育与营养、心理行为评估。',
    core: true,
    children: [
      leaf('生长发育科', '矮小症、性早熟、体格发育评估'),
      leaf('心理行为科', '注意力缺陷多动障碍、孤独症谱系障碍、学习困难'),
    ],
  },
  {
    name: '五官科',
    intro: '儿童眼、耳鼻咽喉疾病诊治。',
    children: [leaf('眼科', '斜视、弱视、屈光不正'), leaf('耳鼻咽喉头颈外科', '腺样体肥大、分泌性中耳炎、过敏性鼻炎')],
  },
];

const DENTAL: GroupTemplate[] = [
  {
    name: '口腔内科',
    intro: '牙体牙髓、牙周与口腔黏膜疾病。',
    core: true,
    children: [
      leaf('牙体牙髓科', '龋齿、牙髓炎、根管治疗、牙齿敏感'),
      leaf('牙周科', '牙龈出血、牙周炎、牙周手术'),
      leaf('儿童口腔科', '儿童龋齿、窝沟封闭、乳牙外伤'),
    ],
  },
  {
    name: '口腔颌面外科',
    intro: '拔牙、颌面部肿瘤与外伤。',
    core: true,
    children: [leaf('口腔外科门诊', '阻生齿拔除、颌面部外伤、颞下颌关节病'), leaf('种植科', '种植修复、骨增量')],
  },
  {
    name: '口腔修复科',
    intro: '牙体缺损与牙列缺失的修复。',
    core: true,
    children: [leaf('修复科', '烤瓷冠、全瓷冠、活动义齿、美学修复')],
  },
  {
    name: '口腔正畸科',
    intro: '错颌畸形的矫治。',
    core: true,
    children: [leaf('正畸科', '牙列不齐、深覆合、隐形矫治')],
  },
];

const ONCOLOGY: GroupTemplate[] = [
  {
    name: '内科',
    intro: '肿瘤化疗、靶向与免疫治疗。',
    core: true,
    children: [
      leaf('肿瘤内科', '肺癌、乳腺癌、消化道肿瘤的药物治疗'),
      leaf('淋巴瘤内科', '霍奇金淋巴瘤、非霍奇金淋巴瘤'),
    ],
  },
  {
    name: '外科',
    intro: '实体肿瘤的外科治疗。',
    core: true,
    children: [
      leaf('胸外科', '肺癌、食管癌、纵隔肿瘤'),
      leaf('胰胃外科', '胃癌、胰腺癌、胃肠间质瘤'),
      leaf('乳腺外科', '乳腺癌、乳腺结节'),
      leaf('头颈外科', '甲状腺癌、喉癌、口腔癌'),
    ],
  },
  {
    name: '放疗科',
    intro: '精确放射治疗。',
    core: true,
    children: [leaf('放射治疗科', '调强放疗、立体定向放疗、放疗后随访')],
  },
  { name: '中医科', intro: '肿瘤中西医结合治疗。', children: [leaf('中医肿瘤科', '放化疗后调理、癌因性疲乏')] },
];

const TCM: GroupTemplate[] = [
  {
    name: '中医内科',
    intro: '中医辨证论治内科疾病。',
    core: true,
    children: [
      leaf('心病科', '冠心病、心悸、高血压的中医调治'),
      leaf('脾胃病科', '胃痛、腹胀、便秘、慢性胃炎'),
      leaf('肺病科', '慢性咳嗽、哮喘、反复感冒'),
      leaf('肾病科', '慢性肾炎、尿路感染、水肿'),
    ],
  },
  {
    name: '针灸推拿科',
    intro: '针刺、艾灸、推拿等特色疗法。',
    core: true,
    children: [leaf('针灸科', '面瘫、中风后遗症、颈肩腰腿痛'), leaf('推拿科', '颈椎病、腰肌劳损、小儿推拿')],
  },
  {
    name: '中医外科',
    intro: '中医皮肤与肛肠疾病。',
    core: true,
    children: [leaf('中医皮肤科', '湿疹、痤疮、银屑病、带状疱疹'), leaf('肛肠科', '痔疮、肛瘘、肛裂')],
  },
  {
    name: '中医妇儿科',
    intro: '妇科与儿科疾病中医调治。',
    children: [leaf('中医妇科', '月经不调、不孕症、更年期综合征'), leaf('中医儿科', '小儿厌食、反复呼吸道感染、遗尿')],
  },
];

const MATERNITY: GroupTemplate[] = [
  {
    name: '妇科',
    intro: '妇科疾病与计划生育服务。',
    core: true,
    children: [leaf('妇科门诊', '阴道炎、宫颈疾病筛查、月经失调'), leaf('计划生育科', '避孕咨询、孕前检查')],
  },
  {
    name: '产科',
    intro: '孕产期保健与分娩。',
    core: true,
    children: [
      leaf('产科门诊', '产前检查、孕期营养、妊娠期糖尿病'),
      leaf('高危妊娠门诊', '妊娠期高血压、双胎妊娠、瘢痕子宫'),
    ],
  },
  {
    name: '儿童保健科',
    intro: '0–6 岁儿童健康管理。',
    core: true,
    children: [leaf('儿童保健门诊', '体格发育、营养性疾病、视力筛查'), leaf('儿内科', '小儿发热、咳嗽、腹泻', true)],
  },
];

export const DEPARTMENT_TEMPLATES: Record<HospitalKind, GroupTemplate[]> = {
  general: GENERAL,
  children: CHILDREN,
  dental: DENTAL,
  oncology: ONCOLOGY,
  tcm: TCM,
  maternity: MATERNITY,
};
