/**
 * A fictional sanctions and PEP list for the demo tenant and the tests. Every name is
 * invented; the lists ("GW-DEMO-…") exist nowhere else. A mix of people and companies, some
 * aliases in Arabic or Devanagari script, so the demo shows a transliterated hit. Pure data in
 * the shape `edge/screening` screens against.
 */
export interface DemoListEntry {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly dateOfBirth?: string;
  readonly country?: string;
  readonly list: string;
  readonly reference: string;
}

const SANCTIONS = 'GW-DEMO-SANCTIONS';
const PEP = 'GW-DEMO-PEP';

export const DEMO_SANCTIONS_LIST: readonly DemoListEntry[] = [
  {
    name: 'Zoltan Vrabec-Kurtz',
    aliases: ['Zoli Kurtz'],
    dateOfBirth: '1961-03-14',
    country: 'HU',
    list: SANCTIONS,
    reference: 'GWS-0001',
  },
  {
    name: 'Mohammed Qarwash Al-Zindani',
    aliases: ['محمد قرواش الزنداني', 'Muhammad Qarwash'],
    dateOfBirth: '1972-11-02',
    country: 'YE',
    list: SANCTIONS,
    reference: 'GWS-0002',
  },
  {
    name: 'Rajeshwar Prakash Tundlikar',
    aliases: ['राजेश्वर प्रकाश तुंडलीकर', 'R. P. Tundlikar'],
    dateOfBirth: '1968-07-21',
    country: 'IN',
    list: SANCTIONS,
    reference: 'GWS-0003',
  },
  {
    name: 'Farrukh Imamverdiyev',
    aliases: ['Farukh Imamverdiev'],
    dateOfBirth: '1975',
    country: 'AZ',
    list: SANCTIONS,
    reference: 'GWS-0004',
  },
  {
    name: 'Olesya Grintsevich',
    aliases: ['Olesia Hrintsevych'],
    dateOfBirth: '1983-01-30',
    country: 'BY',
    list: SANCTIONS,
    reference: 'GWS-0005',
  },
  {
    name: 'Khalil Ibrahim Bazzoukh',
    aliases: ['خليل إبراهيم بزوخ'],
    dateOfBirth: '1958-05-09',
    country: 'LB',
    list: SANCTIONS,
    reference: 'GWS-0006',
  },
  {
    name: 'Tobiah Merrow-Quist',
    aliases: [],
    dateOfBirth: '1979-09-17',
    country: 'GB',
    list: SANCTIONS,
    reference: 'GWS-0007',
  },
  {
    name: 'Esperanza Villaquirán Ortúzar',
    aliases: ['Esperanza Villaquiran'],
    dateOfBirth: '1970-12-01',
    country: 'VE',
    list: SANCTIONS,
    reference: 'GWS-0008',
  },
  {
    name: 'Dmitri Aleksandrovich Zhuravlyov',
    aliases: ['Dmitry Zhuravlev'],
    dateOfBirth: '1966-04-04',
    country: 'RU',
    list: SANCTIONS,
    reference: 'GWS-0009',
  },
  {
    name: 'Abdulkarim Haidar Nasrallahzadeh',
    aliases: ['عبدالكريم حيدر نصراللهزاده'],
    dateOfBirth: '1964',
    country: 'IR',
    list: SANCTIONS,
    reference: 'GWS-0010',
  },
  {
    name: 'Quorvane Maritime FZE',
    aliases: ['Quorvane Shipping'],
    country: 'AE',
    list: SANCTIONS,
    reference: 'GWS-0011',
  },
  {
    name: 'Blackthorn Veldt Minerals Pvt Ltd',
    aliases: ['ब्लैकथॉर्न वेल्ड्ट मिनरल्स प्राइवेट लिमिटेड'],
    country: 'IN',
    list: SANCTIONS,
    reference: 'GWS-0012',
  },
  {
    name: 'Ostrava Zelenka Engineering OOO',
    aliases: ['Zelenka Engineering LLC'],
    country: 'RU',
    list: SANCTIONS,
    reference: 'GWS-0013',
  },
  {
    name: 'Sable Crescent General Trading LLC',
    aliases: ['شركة الهلال الأسود للتجارة'],
    country: 'AE',
    list: SANCTIONS,
    reference: 'GWS-0014',
  },
  {
    name: 'Nimbrel Arms Brokerage GmbH',
    aliases: [],
    country: 'DE',
    list: SANCTIONS,
    reference: 'GWS-0015',
  },
  {
    name: 'Karvelos Petroleum Holdings SA',
    aliases: ['Karvelos Petroleum'],
    country: 'PA',
    list: SANCTIONS,
    reference: 'GWS-0016',
  },
  {
    name: 'Ivory Loom Textiles Private Limited',
    aliases: ['Ivory Loom Textiles'],
    country: 'BD',
    list: SANCTIONS,
    reference: 'GWS-0017',
  },
  {
    name: 'Wrenhallow Capital Inc',
    aliases: ['Wrenhallow Capital Incorporated'],
    country: 'KY',
    list: SANCTIONS,
    reference: 'GWS-0018',
  },
  {
    name: 'Amaranthe Bielawska-Ruiz',
    aliases: [],
    dateOfBirth: '1981-06-06',
    country: 'PL',
    list: PEP,
    reference: 'GWP-0001',
  },
  {
    name: 'Hon. Praveen Kumar Ghatpande',
    aliases: ['प्रवीण कुमार घाटपांडे', 'P. K. Ghatpande'],
    dateOfBirth: '1957-02-11',
    country: 'IN',
    list: PEP,
    reference: 'GWP-0002',
  },
  {
    name: 'Layla Fawzia Al-Qurmushi',
    aliases: ['ليلى فوزية القرمشي'],
    dateOfBirth: '1969-08-25',
    country: 'JO',
    list: PEP,
    reference: 'GWP-0003',
  },
  {
    name: 'Oyelowo Adekunbi Fashanmi',
    aliases: ['O. A. Fashanmi'],
    dateOfBirth: '1962-10-19',
    country: 'NG',
    list: PEP,
    reference: 'GWP-0004',
  },
  {
    name: 'Séverine Dumontel-Achard',
    aliases: ['Severine Dumontel'],
    dateOfBirth: '1974-03-03',
    country: 'FR',
    list: PEP,
    reference: 'GWP-0005',
  },
  {
    name: 'Yusuf Hakimoğlu Tarvanlı',
    aliases: ['Youssef Hakimoglu'],
    dateOfBirth: '1960-01-27',
    country: 'TR',
    list: PEP,
    reference: 'GWP-0006',
  },
  {
    name: 'Gurvinder Singh Bhalwaria',
    aliases: ['गुरविंदर सिंह भलवारिया'],
    dateOfBirth: '1971-12-12',
    country: 'IN',
    list: PEP,
    reference: 'GWP-0007',
  },
  {
    name: 'Anastasiya Kolomiytseva',
    aliases: ['Anastasia Kolomiitseva'],
    dateOfBirth: '1978-05-15',
    country: 'UA',
    list: PEP,
    reference: 'GWP-0008',
  },
  {
    name: 'Ngozi Ebelechukwu Anyaoha',
    aliases: [],
    dateOfBirth: '1966-09-09',
    country: 'NG',
    list: PEP,
    reference: 'GWP-0009',
  },
  {
    name: 'Hamid Reza Sepahvandi',
    aliases: ['حمید رضا سپهوندی'],
    dateOfBirth: '1963',
    country: 'IR',
    list: PEP,
    reference: 'GWP-0010',
  },
  {
    name: 'Chandrakala Venkatanarayanan',
    aliases: ['C. Venkatanarayanan'],
    dateOfBirth: '1959-04-30',
    country: 'IN',
    list: PEP,
    reference: 'GWP-0011',
  },
  {
    name: 'Tamsin Ollerenshaw-Pike',
    aliases: [],
    dateOfBirth: '1976-11-11',
    country: 'GB',
    list: PEP,
    reference: 'GWP-0012',
  },
];
