import type { SkillGrade } from '#contracts/roles';
import type { VehicleSystem } from '#contracts/service-items';
import type { JobType } from '#contracts/stores';

/** Vehicle models a Chinese 4S group commonly services, with realistic maintenance intervals. */
export const DEMO_MODELS = [
  { brand: '丰田', series: '卡罗拉', model: '1.2T 先锋版', year: 2022, engine: '9NR', maintenanceIntervalMonths: 6, maintenanceIntervalKm: 5000, wmi: 'LFM' },
  { brand: '丰田', series: '凯美瑞', model: '2.5L 豪华版', year: 2023, engine: 'A25A', maintenanceIntervalMonths: 6, maintenanceIntervalKm: 5000, wmi: 'LVG' },
  { brand: '丰田', series: 'RAV4荣放', model: '2.0L 两驱风尚版', year: 2021, engine: 'M20C', maintenanceIntervalMonths: 6, maintenanceIntervalKm: 5000, wmi: 'LFM' },
  { brand: '一汽-大众', series: '速腾', model: '300TSI 舒适型', year: 2022, engine: 'EA211', maintenanceIntervalMonths: 12, maintenanceIntervalKm: 7500, wmi: 'LFV' },
  { brand: '一汽-大众', series: '迈腾', model: '330TSI 豪华型', year: 2023, engine: 'EA888', maintenanceIntervalMonths: 12, maintenanceIntervalKm: 7500, wmi: 'LFV' },
  { brand: '一汽-大众', series: '探岳', model: '280TSI 两驱豪华', year: 2021, engine: 'EA211', maintenanceIntervalMonths: 12, maintenanceIntervalKm: 7500, wmi: 'LFV' },
  { brand: '一汽-大众', series: 'ID.4 CROZZ', model: 'PRO 长续航', year: 2024, engine: '电动', maintenanceIntervalMonths: 12, maintenanceIntervalKm: 15000, wmi: 'LFV' },
  { brand: '丰田', series: 'bZ4X', model: '长续航 Pro', year: 2024, engine: '电动', maintenanceIntervalMonths: 12, maintenanceIntervalKm: 10000, wmi: 'LVG' },
] as const;

interface DemoItem {
  code: string;
  name: string;
  system: VehicleSystem;
  jobType: JobType;
  standardHours: string;
  requiredGrade: SkillGrade;
  requiredCertification?: string;
  fixedPriceFen?: number;
}

export const DEMO_SERVICE_ITEMS: DemoItem[] = [
  { code: 'M001', name: '更换机油机滤', system: 'maintenance', jobType: 'quick_service', standardHours: '0.5', requiredGrade: 'junior' },
  { code: 'M002', name: '更换空气滤清器', system: 'maintenance', jobType: 'quick_service', standardHours: '0.2', requiredGrade: 'junior' },
  { code: 'M003', name: '更换空调滤芯', system: 'air_conditioning', jobType: 'quick_service', standardHours: '0.3', requiredGrade: 'junior' },
  { code: 'M004', name: '更换燃油滤清器', system: 'maintenance', jobType: 'quick_service', standardHours: '0.6', requiredGrade: 'intermediate' },
  { code: 'M005', name: '更换火花塞', system: 'engine', jobType: 'mechanical', standardHours: '0.8', requiredGrade: 'intermediate' },
  { code: 'M006', name: '更换制动液', system: 'chassis', jobType: 'mechanical', standardHours: '0.8', requiredGrade: 'intermediate' },
  { code: 'M007', name: '四轮定位', system: 'chassis', jobType: 'mechanical', standardHours: '1.0', requiredGrade: 'intermediate', fixedPriceFen: 26800 },
  { code: 'M008', name: '节气门清洗', system: 'engine', jobType: 'quick_service', standardHours: '0.5', requiredGrade: 'junior', fixedPriceFen: 18000 },
  { code: 'M009', name: '全车检查', system: 'maintenance', jobType: 'inspection', standardHours: '0.5', requiredGrade: 'junior' },
  { code: 'R001', name: '更换前刹车片', system: 'chassis', jobType: 'mechanical', standardHours: '1.0', requiredGrade: 'intermediate' },
  { code: 'R002', name: '更换正时皮带', system: 'engine', jobType: 'mechanical', standardHours: '3.5', requiredGrade: 'senior' },
  { code: 'R003', name: '发动机故障诊断', system: 'engine', jobType: 'mechanical', standardHours: '1.5', requiredGrade: 'technician' },
  { code: 'R004', name: '变速箱解体检修', system: 'chassis', jobType: 'mechanical', standardHours: '8.0', requiredGrade: 'senior_technician', requiredCertification: '变速箱专项认证' },
  { code: 'R005', name: '高压电池包检测', system: 'electrical', jobType: 'mechanical', standardHours: '2.0', requiredGrade: 'technician', requiredCertification: '新能源高压作业证' },
  { code: 'R006', name: '更换蓄电池', system: 'electrical', jobType: 'quick_service', standardHours: '0.3', requiredGrade: 'junior' },
  { code: 'B001', name: '前保险杠钣金修复', system: 'body', jobType: 'body', standardHours: '3.0', requiredGrade: 'intermediate' },
  { code: 'P001', name: '前保险杠喷漆', system: 'body', jobType: 'paint', standardHours: '4.0', requiredGrade: 'intermediate', fixedPriceFen: 80000 },
  { code: 'W001', name: '精致洗车', system: 'other', jobType: 'wash', standardHours: '0.5', requiredGrade: 'junior', fixedPriceFen: 5000 },
];

/** Packages: the first service at 5,000 km and the regular minor/major services. */
export const DEMO_PACKAGES = [
  { code: 'PK5000', name: '5,000 公里首保', mileageKm: 5000, items: ['M001', 'M009'] },
  { code: 'PK10000', name: '10,000 公里保养', mileageKm: 10000, items: ['M001', 'M002', 'M003', 'M009'] },
  { code: 'PK40000', name: '40,000 公里大保养', mileageKm: 40000, items: ['M001', 'M002', 'M003', 'M004', 'M005', 'M006', 'M009'] },
];

export const DEMO_STORES = [
  { code: 'CD01', name: '成都锦程丰田4S店', brand: '丰田', address: '成都市武侯区二环路南四段 88 号', phone: '028-85550001', plate: '川A' },
  { code: 'CD02', name: '成都锦程一汽-大众4S店', brand: '一汽-大众', address: '成都市金牛区蜀汉路 216 号', phone: '028-87770002', plate: '川A' },
  { code: 'MY01', name: '绵阳锦程丰田4S店', brand: '丰田', address: '绵阳市涪城区临园路 39 号', phone: '0816-2220003', plate: '川B' },
  { code: 'CQ01', name: '重庆锦程一汽-大众4S店', brand: '一汽-大众', address: '重庆市渝北区金开大道 101 号', phone: '023-67770004', plate: '渝A' },
  { code: 'XA01', name: '西安锦程丰田4S店', brand: '丰田', address: '西安市未央区凤城八路 56 号', phone: '029-86660005', plate: '陕A' },
];

// ---- customer and vehicle files -------------------------------------------------------------------

/** Where a store's customers live, keyed by the store's plate prefix (its city). */
export interface DemoCity {
  /** 四川省成都市 (a municipality: 重庆市). */
  region: string;
  /** Landline area code, for companies' other phones (028-8xxxxxxx). */
  areaCode: string;
  districts: readonly string[];
  roads: readonly string[];
  estates: readonly string[];
  /** Second-tier outlets (二级网点) selling the brand around the city. */
  outlets: readonly string[];
  /** Other city letters of the province: cars registered elsewhere (川A store: 川B, 川F…). */
  nearbyPlatePrefixes: readonly string[];
  /** Prefix of company names (成都, 四川). */
  companyPrefixes: readonly string[];
}

export const DEMO_CITIES: Record<string, DemoCity> = {
  川A: {
    region: '四川省成都市',
    areaCode: '028',
    districts: ['武侯区', '锦江区', '青羊区', '金牛区', '成华区', '高新区', '双流区', '郫都区', '温江区', '新都区', '龙泉驿区', '天府新区'],
    roads: ['人民南路四段', '天府大道中段', '蜀汉路', '一环路北三段', '二环路西一段', '红星路三段', '建设路', '科华北路', '府城大道西段', '光华大道一段', '剑南大道中段', '沙湾路', '星辉西路', '锦华路三段', '中和大道二段'],
    estates: ['锦城花园', '南苑小区', '中海城南一号', '万科金色海蔓', '保利心语', '华润二十四城', '龙湖三千城', '蓝光空港国际城', '府河名居', '清水河小区', '翡翠城', '麓山国际'],
    outlets: ['双流二级网点', '郫都二级网点', '新都二级网点', '温江二级网点', '龙泉驿二级网点', '简阳二级网点', '金堂二级网点', '彭州二级网点'],
    nearbyPlatePrefixes: ['川B', '川F', '川G', '川L', '川U', '川Y'],
    companyPrefixes: ['成都', '四川', '成都市'],
  },
  川B: {
    region: '四川省绵阳市',
    areaCode: '0816',
    districts: ['涪城区', '游仙区', '安州区', '高新区', '经开区', '科创园区'],
    roads: ['临园路', '剑南路', '涪城路', '跃进路', '长虹大道', '绵兴东路', '飞云大道', '花园路'],
    estates: ['富乐山小区', '科学城小区', '滨江花园', '御营山', '长虹世纪城', '园艺山新城'],
    outlets: ['江油二级网点', '三台二级网点', '安州二级网点', '梓潼二级网点', '盐亭二级网点'],
    nearbyPlatePrefixes: ['川A', '川F', '川H', '川E'],
    companyPrefixes: ['绵阳', '四川', '绵阳市'],
  },
  渝A: {
    region: '重庆市',
    areaCode: '023',
    districts: ['渝北区', '江北区', '渝中区', '南岸区', '九龙坡区', '沙坪坝区', '两江新区', '北碚区', '巴南区', '大渡口区'],
    roads: ['金开大道', '新牌坊一路', '建新北路', '民族路', '南坪正街', '杨家坪正街', '天星桥正街', '龙溪路', '红锦大道', '松石大道'],
    estates: ['龙湖江与城', '融创白象街', '金科天元道', '万科城', '鲁能星城', '中渝香奈公馆', '协信星都会'],
    outlets: ['璧山二级网点', '合川二级网点', '永川二级网点', '江津二级网点', '长寿二级网点', '涪陵二级网点'],
    nearbyPlatePrefixes: ['渝B', '渝C', '渝D', '渝G'],
    companyPrefixes: ['重庆', '重庆市'],
  },
  陕A: {
    region: '陕西省西安市',
    areaCode: '029',
    districts: ['未央区', '雁塔区', '碑林区', '莲湖区', '新城区', '长安区', '灞桥区', '高新区', '经开区'],
    roads: ['凤城八路', '未央路', '长安南路', '科技路', '高新路', '南二环西段', '太白南路', '朱雀大街', '文景路', '明光路'],
    estates: ['紫薇田园都市', '曲江池小区', '枫林绿洲', '绿地世纪城', '万科城市之光', '中海凯旋门'],
    outlets: ['咸阳二级网点', '临潼二级网点', '鄠邑二级网点', '高陵二级网点', '蓝田二级网点'],
    nearbyPlatePrefixes: ['陕D', '陕E', '陕U', '陕C'],
    companyPrefixes: ['西安', '陕西', '西安市'],
  },
};

/** VIN positions 4–8 of each demo model (the WMI is in DEMO_MODELS). */
export const DEMO_MODEL_VDS: Record<string, string> = {
  卡罗拉: 'AB3E2',
  凯美瑞: 'BF4H5',
  RAV4荣放: 'CJ2K3',
  bZ4X: 'BZ4XE',
  速腾: 'AA6BU',
  迈腾: 'AC7CB',
  探岳: 'AD3BT',
  'ID.4 CROZZ': 'AE2EV',
};

export const DEMO_COLOURS: readonly (readonly [string, number])[] = [
  ['白色', 34],
  ['黑色', 24],
  ['银色', 10],
  ['灰色', 12],
  ['珍珠白', 6],
  ['蓝色', 6],
  ['红色', 5],
  ['棕色', 2],
  ['绿色', 1],
];

export const DEMO_INSURERS = ['中国人保财险', '平安产险', '太平洋产险', '国寿财险', '大地保险', '阳光产险', '太平财险', '华安保险'] as const;

export const DEMO_COMPANY_WORDS = ['顺达', '恒通', '蜀道', '天府', '华西', '远航', '鑫源', '宏达', '金桥', '瑞丰', '西部', '通达', '安泰', '嘉禾', '锦华', '中联', '博远', '和信', '兴盛', '万通'] as const;
export const DEMO_COMPANY_KINDS = ['物流有限公司', '建设工程有限公司', '出租汽车有限公司', '汽车租赁有限公司', '商贸有限公司', '科技有限公司', '食品有限公司', '医药有限公司', '环保科技有限公司', '物业管理有限公司', '电力工程有限公司'] as const;

export const DEMO_PERSON_NOTES = ['偏好上午到店', '需提前电话预约', '车辆常由家人送修', '对价格较敏感', '要求使用原厂机油', '只接受微信联系'] as const;
export const DEMO_COMPANY_NOTES = ['月结客户，对账联系财务', '车辆由车队队长统一安排送修', '需开具增值税专用发票'] as const;
