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
