/**
 * Every visible string of `<gw-pricing-calculator>`. Each table is typed against
 * `PricingStrings`, so a missing key fails the type-check; numbers, money, percentages and
 * dates arrive already formatted by Intl.
 */
import type { Language } from '../core/localize.js';
import { STATE_STRINGS, type StateStrings } from '../core/states.js';

/** The calculator's strings; the loading, empty, error and offline ones are the kit's `StateStrings`. */
export interface PricingStrings extends StateStrings {
  heading: string;
  plan: string;
  baseFee: (price: string) => string;
  billing: string;
  monthly: string;
  annual: string;
  annualSaving: (percent: string) => string;
  region: string;
  seats: string;
  seatsHint: (included: string, price: string) => string;
  seatsValue: (count: string) => string;
  tiered: { graduated: string; volume: string };
  tierAny: string;
  tierUpTo: (limit: string) => string;
  tierOver: (limit: string) => string;
  perUnits: (price: string, count: string) => string;
  flatFee: (price: string) => string;
  quantityValue: (count: string, unit: string) => string;
  outOfRange: (min: string, max: string) => string;
  summary: string;
  baseLine: string;
  seatsLine: (count: string) => string;
  usageLine: (name: string, count: string) => string;
  subtotal: string;
  discount: (percent: string) => string;
  tax: (name: string, percent: string) => string;
  noTax: string;
  totalMonthly: string;
  totalAnnual: string;
  cannotPrice: string;
  request: string;
  requesting: string;
  requested: (id: string, date: string) => string;
  requestFailed: string;
  requestOffline: string;
  requestLimited: string;
}

const en: PricingStrings = {
  ...STATE_STRINGS.en,
  heading: 'Price your plan',
  plan: 'Plan',
  baseFee: (price) => `${price} a month`,
  billing: 'Billing',
  monthly: 'Monthly',
  annual: 'Annual',
  annualSaving: (percent) => `save ${percent}`,
  region: 'Billing region',
  seats: 'Seats',
  seatsHint: (included, price) => `${included} included, then ${price} per seat a month`,
  seatsValue: (count) => `${count} seats`,
  tiered: {
    graduated: 'Tiered: each unit at the rate of its band',
    volume: 'Volume: every unit at the rate your total reaches',
  },
  tierAny: 'any quantity',
  tierUpTo: (limit) => `up to ${limit}`,
  tierOver: (limit) => `over ${limit}`,
  perUnits: (price, count) => `${price} per ${count}`,
  flatFee: (price) => `+ ${price} flat`,
  quantityValue: (count, unit) => `${count} ${unit}`,
  outOfRange: (min, max) => `Enter a whole number from ${min} to ${max}.`,
  summary: 'Your quote',
  baseLine: 'Base fee',
  seatsLine: (count) => `Seats (${count} billed)`,
  usageLine: (name, count) => `${name} (${count})`,
  subtotal: 'Subtotal',
  discount: (percent) => `Annual discount (${percent})`,
  tax: (name, percent) => `${name} (${percent})`,
  noTax: 'No tax applies',
  totalMonthly: 'Total per month',
  totalAnnual: 'Total per year',
  cannotPrice: 'This selection cannot be priced. Try smaller quantities.',
  request: 'Request this plan',
  requesting: 'Requesting…',
  requested: (id, date) => `Quote ${id} saved. It is valid until ${date}.`,
  requestFailed: 'We could not save your quote. Please try again.',
  requestOffline: 'You are offline. Reconnect and try again.',
  requestLimited: 'Too many requests. Wait a minute and try again.',
  loading: 'Loading prices…',
  emptyTitle: 'No plans are available',
  emptyBody: 'Please check back later.',
  errorTitle: 'We couldn’t load the prices',
  offlineBody: 'Prices will load when your connection is back.',
};

const hi: PricingStrings = {
  ...STATE_STRINGS.hi,
  heading: 'अपने प्लान की कीमत जानें',
  plan: 'प्लान',
  baseFee: (price) => `${price} प्रति माह`,
  billing: 'बिलिंग',
  monthly: 'मासिक',
  annual: 'वार्षिक',
  annualSaving: (percent) => `${percent} की बचत`,
  region: 'बिलिंग क्षेत्र',
  seats: 'सीटें',
  seatsHint: (included, price) => `${included} शामिल, फिर ${price} प्रति सीट प्रति माह`,
  seatsValue: (count) => `${count} सीटें`,
  tiered: {
    graduated: 'स्तरीय: हर इकाई अपने स्तर की दर पर',
    volume: 'वॉल्यूम: सभी इकाइयाँ उस दर पर जहाँ तक कुल पहुँचता है',
  },
  tierAny: 'कोई भी मात्रा',
  tierUpTo: (limit) => `${limit} तक`,
  tierOver: (limit) => `${limit} से अधिक`,
  perUnits: (price, count) => `${price} प्रति ${count}`,
  flatFee: (price) => `+ ${price} निश्चित`,
  quantityValue: (count, unit) => `${count} ${unit}`,
  outOfRange: (min, max) => `${min} से ${max} तक की पूर्ण संख्या दर्ज करें।`,
  summary: 'आपका कोटेशन',
  baseLine: 'मूल शुल्क',
  seatsLine: (count) => `सीटें (${count} बिल योग्य)`,
  usageLine: (name, count) => `${name} (${count})`,
  subtotal: 'उप-योग',
  discount: (percent) => `वार्षिक छूट (${percent})`,
  tax: (name, percent) => `${name} (${percent})`,
  noTax: 'कोई कर लागू नहीं',
  totalMonthly: 'कुल प्रति माह',
  totalAnnual: 'कुल प्रति वर्ष',
  cannotPrice: 'इस चयन की कीमत नहीं निकाली जा सकती। कम मात्रा आज़माएँ।',
  request: 'यह प्लान माँगें',
  requesting: 'भेजा जा रहा है…',
  requested: (id, date) => `कोटेशन ${id} सहेजा गया। यह ${date} तक मान्य है।`,
  requestFailed: 'हम आपका कोटेशन सहेज नहीं सके। कृपया फिर से प्रयास करें।',
  requestOffline: 'आप ऑफ़लाइन हैं। फिर से कनेक्ट करके प्रयास करें।',
  requestLimited: 'बहुत अधिक अनुरोध। एक मिनट रुककर फिर प्रयास करें।',
  loading: 'कीमतें लोड हो रही हैं…',
  emptyTitle: 'अभी कोई प्लान उपलब्ध नहीं है',
  emptyBody: 'कृपया बाद में फिर देखें।',
  errorTitle: 'कीमतें लोड नहीं हो सकीं',
  offlineBody: 'कनेक्शन वापस आने पर कीमतें लोड हो जाएँगी।',
};

const ar: PricingStrings = {
  ...STATE_STRINGS.ar,
  heading: 'احسب سعر باقتك',
  plan: 'الباقة',
  baseFee: (price) => `${price} شهريًا`,
  billing: 'الفوترة',
  monthly: 'شهري',
  annual: 'سنوي',
  annualSaving: (percent) => `وفّر ${percent}`,
  region: 'منطقة الفوترة',
  seats: 'المقاعد',
  seatsHint: (included, price) => `${included} مشمولة، ثم ${price} لكل مقعد شهريًا`,
  seatsValue: (count) => `عدد المقاعد: ${count}`,
  tiered: {
    graduated: 'متدرّج: كل وحدة بسعر شريحتها',
    volume: 'حسب الحجم: كل الوحدات بسعر الشريحة التي يبلغها المجموع',
  },
  tierAny: 'أي كمية',
  tierUpTo: (limit) => `حتى ${limit}`,
  tierOver: (limit) => `أكثر من ${limit}`,
  perUnits: (price, count) => `${price} لكل ${count}`,
  flatFee: (price) => `+ ${price} رسم ثابت`,
  quantityValue: (count, unit) => `${count} ${unit}`,
  outOfRange: (min, max) => `أدخل عددًا صحيحًا من ${min} إلى ${max}.`,
  summary: 'عرض السعر',
  baseLine: 'الرسوم الأساسية',
  seatsLine: (count) => `المقاعد (المفوترة: ${count})`,
  usageLine: (name, count) => `${name} (${count})`,
  subtotal: 'المجموع الفرعي',
  discount: (percent) => `الخصم السنوي (${percent})`,
  tax: (name, percent) => `${name} (${percent})`,
  noTax: 'لا تُطبَّق ضريبة',
  totalMonthly: 'الإجمالي شهريًا',
  totalAnnual: 'الإجمالي سنويًا',
  cannotPrice: 'لا يمكن تسعير هذا الاختيار. جرّب كميات أصغر.',
  request: 'اطلب هذه الباقة',
  requesting: 'جارٍ الإرسال…',
  requested: (id, date) => `تم حفظ عرض السعر ${id}. وهو صالح حتى ${date}.`,
  requestFailed: 'تعذّر حفظ عرض السعر. يُرجى المحاولة مرة أخرى.',
  requestOffline: 'أنت غير متصل. أعد الاتصال وحاول مرة أخرى.',
  requestLimited: 'طلبات كثيرة جدًا. انتظر دقيقة ثم حاول مرة أخرى.',
  loading: 'جارٍ تحميل الأسعار…',
  emptyTitle: 'لا توجد باقات متاحة حاليًا',
  emptyBody: 'يُرجى العودة لاحقًا.',
  errorTitle: 'تعذّر تحميل الأسعار',
  offlineBody: 'ستُحمَّل الأسعار عند عودة الاتصال.',
};

const fr: PricingStrings = {
  ...STATE_STRINGS.fr,
  heading: 'Estimez votre offre',
  plan: 'Offre',
  baseFee: (price) => `${price} par mois`,
  billing: 'Facturation',
  monthly: 'Mensuelle',
  annual: 'Annuelle',
  annualSaving: (percent) => `économisez ${percent}`,
  region: 'Région de facturation',
  seats: 'Utilisateurs',
  seatsHint: (included, price) => `${included} inclus, puis ${price} par utilisateur et par mois`,
  seatsValue: (count) => `${count} utilisateurs`,
  tiered: {
    graduated: 'Par paliers : chaque unité au tarif de sa tranche',
    volume: 'Au volume : toutes les unités au tarif de la tranche atteinte',
  },
  tierAny: 'toute quantité',
  tierUpTo: (limit) => `jusqu’à ${limit}`,
  tierOver: (limit) => `au-delà de ${limit}`,
  perUnits: (price, count) => `${price} les ${count}`,
  flatFee: (price) => `+ ${price} forfaitaire`,
  quantityValue: (count, unit) => `${count} ${unit}`,
  outOfRange: (min, max) => `Saisissez un nombre entier de ${min} à ${max}.`,
  summary: 'Votre devis',
  baseLine: 'Frais de base',
  seatsLine: (count) => `Utilisateurs (${count} facturés)`,
  usageLine: (name, count) => `${name} (${count})`,
  subtotal: 'Sous-total',
  discount: (percent) => `Remise annuelle (${percent})`,
  tax: (name, percent) => `${name} (${percent})`,
  noTax: 'Aucune taxe applicable',
  totalMonthly: 'Total par mois',
  totalAnnual: 'Total par an',
  cannotPrice: 'Cette sélection ne peut pas être chiffrée. Essayez des quantités plus petites.',
  request: 'Demander cette offre',
  requesting: 'Envoi…',
  requested: (id, date) => `Devis ${id} enregistré. Il est valable jusqu’au ${date}.`,
  requestFailed: 'Impossible d’enregistrer votre devis. Veuillez réessayer.',
  requestOffline: 'Vous êtes hors ligne. Reconnectez-vous et réessayez.',
  requestLimited: 'Trop de demandes. Attendez une minute et réessayez.',
  loading: 'Chargement des tarifs…',
  emptyTitle: 'Aucune offre disponible',
  emptyBody: 'Revenez plus tard.',
  errorTitle: 'Impossible de charger les tarifs',
  offlineBody: 'Les tarifs se chargeront dès le retour de la connexion.',
};

const es: PricingStrings = {
  ...STATE_STRINGS.es,
  heading: 'Calcula el precio de tu plan',
  plan: 'Plan',
  baseFee: (price) => `${price} al mes`,
  billing: 'Facturación',
  monthly: 'Mensual',
  annual: 'Anual',
  annualSaving: (percent) => `ahorra un ${percent}`,
  region: 'Región de facturación',
  seats: 'Usuarios',
  seatsHint: (included, price) => `${included} incluidos, después ${price} por usuario al mes`,
  seatsValue: (count) => `${count} usuarios`,
  tiered: {
    graduated: 'Por tramos: cada unidad al precio de su tramo',
    volume: 'Por volumen: todas las unidades al precio del tramo alcanzado',
  },
  tierAny: 'cualquier cantidad',
  tierUpTo: (limit) => `hasta ${limit}`,
  tierOver: (limit) => `más de ${limit}`,
  perUnits: (price, count) => `${price} por cada ${count}`,
  flatFee: (price) => `+ ${price} fijo`,
  quantityValue: (count, unit) => `${count} ${unit}`,
  outOfRange: (min, max) => `Introduce un número entero de ${min} a ${max}.`,
  summary: 'Tu presupuesto',
  baseLine: 'Cuota base',
  seatsLine: (count) => `Usuarios (${count} facturados)`,
  usageLine: (name, count) => `${name} (${count})`,
  subtotal: 'Subtotal',
  discount: (percent) => `Descuento anual (${percent})`,
  tax: (name, percent) => `${name} (${percent})`,
  noTax: 'No se aplican impuestos',
  totalMonthly: 'Total al mes',
  totalAnnual: 'Total al año',
  cannotPrice: 'No se puede calcular el precio de esta selección. Prueba con cantidades menores.',
  request: 'Solicitar este plan',
  requesting: 'Enviando…',
  requested: (id, date) => `Presupuesto ${id} guardado. Es válido hasta el ${date}.`,
  requestFailed: 'No pudimos guardar tu presupuesto. Inténtalo de nuevo.',
  requestOffline: 'No tienes conexión. Vuelve a conectarte e inténtalo de nuevo.',
  requestLimited: 'Demasiadas solicitudes. Espera un minuto e inténtalo de nuevo.',
  loading: 'Cargando precios…',
  emptyTitle: 'No hay planes disponibles',
  emptyBody: 'Vuelve más tarde.',
  errorTitle: 'No pudimos cargar los precios',
  offlineBody: 'Los precios se cargarán cuando vuelva la conexión.',
};

export const PRICING_STRINGS: Record<Language, PricingStrings> = { en, hi, ar, fr, es };
