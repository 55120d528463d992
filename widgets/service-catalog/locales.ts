/**
 * Every visible string of `<gw-service-catalog>`, typed once and translated completely for each
 * language the kit ships (a missing key fails the type-check). Numbers, money, regions and
 * durations arrive already formatted by Intl; plural forms come from Intl.PluralRules.
 */
import type { Language } from '../core/localize.js';
import { STATE_STRINGS, type StateStrings } from '../core/states.js';

type Period = 'month' | 'year' | 'one-time';

/** The catalog's strings; the loading, empty, error and offline ones are the kit's `StateStrings`. */
export interface ServiceCatalogStrings extends StateStrings {
  filtersLabel: string;
  searchLabel: string;
  searchPlaceholder: string;
  categoryLabel: string;
  regionLabel: string;
  complianceLabel: string;
  allCategories: string;
  allRegions: string;
  allCompliance: string;
  clearFilters: string;
  /** All services shown: "10 services". */
  count: (count: number, formatted: string) => string;
  /** Filtered: "Showing 3 of 10 services". */
  countFiltered: (shown: string, total: number, formattedTotal: string) => string;
  servicesLabel: string;
  keyboardHint: string;
  noMatchTitle: string;
  noMatchBody: string;
  offlineStale: string;
  availableIn: string;
  complianceHeading: string;
  priceFrom: Record<Period, (price: string) => string>;
  priceOnRequest: string;
  plansFor: (service: string) => string;
  selectedAnnouncement: (service: string) => string;
  uptime: string;
  supportResponse: string;
  features: string;
  choosePlan: (plan: string) => string;
  compare: string;
  /** Accessible name of a compare checkbox; starts with `compare`, the visible label. */
  compareLabel: (plan: string, service: string) => string;
  compareLimit: (max: string) => string;
  compareSelected: (count: number, formatted: string) => string;
  compareNeedMore: string;
  compareOpen: string;
  compareClear: string;
  compareTitle: string;
  close: string;
  included: string;
  notIncluded: string;
  regions: string;
  price: string;
}

/** The plural form of `count` in `lang`, from the forms a table provides ("other" required). */
const plural = (
  lang: Language,
  count: number,
  forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string },
) => forms[new Intl.PluralRules(lang).select(count)] ?? forms.other;

const en: ServiceCatalogStrings = {
  ...STATE_STRINGS.en,
  filtersLabel: 'Find a service',
  searchLabel: 'Search services',
  searchPlaceholder: 'Name, feature or regulator',
  categoryLabel: 'Category',
  regionLabel: 'Region',
  complianceLabel: 'Compliance',
  allCategories: 'All categories',
  allRegions: 'All regions',
  allCompliance: 'Any compliance',
  clearFilters: 'Clear filters',
  count: (n, f) => plural('en', n, { one: `${f} service`, other: `${f} services` }),
  countFiltered: (shown, total, f) =>
    plural('en', total, {
      one: `Showing ${shown} of ${f} service`,
      other: `Showing ${shown} of ${f} services`,
    }),
  servicesLabel: 'Services',
  keyboardHint: 'Use the arrow keys to move between services and Enter to select one.',
  loading: 'Loading services…',
  emptyTitle: 'No services yet',
  emptyBody: 'This catalog has no services to show.',
  noMatchTitle: 'No services match',
  noMatchBody: 'Try another search or clear the filters.',
  errorTitle: 'We couldn’t load the services',
  offlineBody: 'The services will load when your connection is back.',
  offlineStale: 'You’re offline. Showing the services loaded earlier.',
  availableIn: 'Available in',
  complianceHeading: 'Compliance',
  priceFrom: {
    month: (p) => `From ${p} a month`,
    year: (p) => `From ${p} a year`,
    'one-time': (p) => `From ${p}, one-time`,
  },
  priceOnRequest: 'Price on request',
  plansFor: (s) => `Plans for ${s}`,
  selectedAnnouncement: (s) => `${s} selected. Its plans are shown after the services.`,
  uptime: 'Uptime',
  supportResponse: 'Support response',
  features: 'Features',
  choosePlan: (p) => `Choose ${p}`,
  compare: 'Compare',
  compareLabel: (p, s) => `Compare ${p} (${s})`,
  compareLimit: (max) => `You can compare up to ${max} plans.`,
  compareSelected: (n, f) =>
    plural('en', n, {
      one: `${f} plan selected to compare`,
      other: `${f} plans selected to compare`,
    }),
  compareNeedMore: 'Select one more plan to compare.',
  compareOpen: 'Compare plans',
  compareClear: 'Clear comparison',
  compareTitle: 'Compare plans',
  close: 'Close',
  included: 'Included',
  notIncluded: 'Not included',
  regions: 'Regions',
  price: 'Price',
};

const hi: ServiceCatalogStrings = {
  ...STATE_STRINGS.hi,
  filtersLabel: 'सेवा खोजें',
  searchLabel: 'सेवाएँ खोजें',
  searchPlaceholder: 'नाम, सुविधा या नियामक',
  categoryLabel: 'श्रेणी',
  regionLabel: 'क्षेत्र',
  complianceLabel: 'अनुपालन',
  allCategories: 'सभी श्रेणियाँ',
  allRegions: 'सभी क्षेत्र',
  allCompliance: 'कोई भी अनुपालन',
  clearFilters: 'फ़िल्टर हटाएँ',
  count: (n, f) => plural('hi', n, { one: `${f} सेवा`, other: `${f} सेवाएँ` }),
  countFiltered: (shown, _total, f) => `${f} में से ${shown} सेवाएँ दिखाई जा रही हैं`,
  servicesLabel: 'सेवाएँ',
  keyboardHint: 'सेवाओं के बीच जाने के लिए तीर कुंजियों और चुनने के लिए Enter का उपयोग करें।',
  loading: 'सेवाएँ लोड हो रही हैं…',
  emptyTitle: 'अभी कोई सेवा नहीं है',
  emptyBody: 'इस कैटलॉग में दिखाने के लिए कोई सेवा नहीं है।',
  noMatchTitle: 'कोई मेल खाती सेवा नहीं मिली',
  noMatchBody: 'कोई दूसरी खोज आज़माएँ या फ़िल्टर हटाएँ।',
  errorTitle: 'सेवाएँ लोड नहीं हो सकीं',
  offlineBody: 'कनेक्शन वापस आने पर सेवाएँ लोड हो जाएँगी।',
  offlineStale: 'आप ऑफ़लाइन हैं। पहले लोड की गई सेवाएँ दिखाई जा रही हैं।',
  availableIn: 'उपलब्धता',
  complianceHeading: 'अनुपालन',
  priceFrom: {
    month: (p) => `${p} प्रति माह से`,
    year: (p) => `${p} प्रति वर्ष से`,
    'one-time': (p) => `${p} से, एकमुश्त`,
  },
  priceOnRequest: 'मूल्य अनुरोध पर',
  plansFor: (s) => `${s} के प्लान`,
  selectedAnnouncement: (s) => `${s} चुनी गई। इसके प्लान सेवाओं के बाद दिखाए गए हैं।`,
  uptime: 'अपटाइम',
  supportResponse: 'सपोर्ट प्रतिक्रिया समय',
  features: 'सुविधाएँ',
  choosePlan: (p) => `${p} चुनें`,
  compare: 'तुलना करें',
  compareLabel: (p, s) => `तुलना करें: ${p} (${s})`,
  compareLimit: (max) => `आप अधिकतम ${max} प्लान की तुलना कर सकते हैं।`,
  compareSelected: (_n, f) => `तुलना के लिए ${f} प्लान चुने गए`,
  compareNeedMore: 'तुलना के लिए एक और प्लान चुनें।',
  compareOpen: 'प्लान की तुलना करें',
  compareClear: 'तुलना साफ़ करें',
  compareTitle: 'प्लान की तुलना',
  close: 'बंद करें',
  included: 'शामिल',
  notIncluded: 'शामिल नहीं',
  regions: 'क्षेत्र',
  price: 'मूल्य',
};

const ar: ServiceCatalogStrings = {
  ...STATE_STRINGS.ar,
  filtersLabel: 'ابحث عن خدمة',
  searchLabel: 'البحث في الخدمات',
  searchPlaceholder: 'الاسم أو الميزة أو الجهة التنظيمية',
  categoryLabel: 'الفئة',
  regionLabel: 'المنطقة',
  complianceLabel: 'الامتثال',
  allCategories: 'جميع الفئات',
  allRegions: 'جميع المناطق',
  allCompliance: 'أي امتثال',
  clearFilters: 'مسح عوامل التصفية',
  count: (n, f) =>
    plural('ar', n, {
      zero: 'لا توجد خدمات',
      one: 'خدمة واحدة',
      two: 'خدمتان',
      few: `${f} خدمات`,
      many: `${f} خدمة`,
      other: `${f} خدمة`,
    }),
  countFiltered: (shown, _total, f) => `عرض ${shown} من أصل ${f}`,
  servicesLabel: 'الخدمات',
  keyboardHint: 'استخدم مفاتيح الأسهم للتنقل بين الخدمات ومفتاح Enter لاختيار إحداها.',
  loading: 'جارٍ تحميل الخدمات…',
  emptyTitle: 'لا توجد خدمات بعد',
  emptyBody: 'لا يحتوي هذا الكتالوج على خدمات لعرضها.',
  noMatchTitle: 'لا توجد خدمات مطابقة',
  noMatchBody: 'جرّب بحثًا آخر أو امسح عوامل التصفية.',
  errorTitle: 'تعذّر تحميل الخدمات',
  offlineBody: 'سيتم تحميل الخدمات عند عودة الاتصال.',
  offlineStale: 'أنت غير متصل بالإنترنت. نعرض الخدمات التي تم تحميلها سابقًا.',
  availableIn: 'متاحة في',
  complianceHeading: 'الامتثال',
  priceFrom: {
    month: (p) => `ابتداءً من ${p} شهريًا`,
    year: (p) => `ابتداءً من ${p} سنويًا`,
    'one-time': (p) => `ابتداءً من ${p} لمرة واحدة`,
  },
  priceOnRequest: 'السعر عند الطلب',
  plansFor: (s) => `باقات ${s}`,
  selectedAnnouncement: (s) => `تم اختيار ${s}. تظهر باقاتها بعد الخدمات.`,
  uptime: 'وقت التشغيل',
  supportResponse: 'زمن استجابة الدعم',
  features: 'الميزات',
  choosePlan: (p) => `اختر ${p}`,
  compare: 'قارن',
  compareLabel: (p, s) => `قارن ${p} (${s})`,
  compareLimit: (max) => `يمكنك مقارنة ${max} باقات كحد أقصى.`,
  compareSelected: (n, f) =>
    plural('ar', n, {
      one: 'باقة واحدة محددة للمقارنة',
      two: 'باقتان محددتان للمقارنة',
      few: `${f} باقات محددة للمقارنة`,
      other: `${f} باقة محددة للمقارنة`,
    }),
  compareNeedMore: 'اختر باقة أخرى للمقارنة.',
  compareOpen: 'قارن الباقات',
  compareClear: 'مسح المقارنة',
  compareTitle: 'مقارنة الباقات',
  close: 'إغلاق',
  included: 'مشمولة',
  notIncluded: 'غير مشمولة',
  regions: 'المناطق',
  price: 'السعر',
};

const fr: ServiceCatalogStrings = {
  ...STATE_STRINGS.fr,
  filtersLabel: 'Trouver un service',
  searchLabel: 'Rechercher un service',
  searchPlaceholder: 'Nom, fonctionnalité ou régulateur',
  categoryLabel: 'Catégorie',
  regionLabel: 'Région',
  complianceLabel: 'Conformité',
  allCategories: 'Toutes les catégories',
  allRegions: 'Toutes les régions',
  allCompliance: 'Toute conformité',
  clearFilters: 'Effacer les filtres',
  count: (n, f) => plural('fr', n, { one: `${f} service`, other: `${f} services` }),
  countFiltered: (shown, total, f) =>
    plural('fr', total, { one: `${shown} sur ${f} service`, other: `${shown} sur ${f} services` }),
  servicesLabel: 'Services',
  keyboardHint:
    'Utilisez les flèches pour passer d’un service à l’autre et Entrée pour en sélectionner un.',
  loading: 'Chargement des services…',
  emptyTitle: 'Aucun service pour le moment',
  emptyBody: 'Ce catalogue ne contient aucun service à afficher.',
  noMatchTitle: 'Aucun service ne correspond',
  noMatchBody: 'Essayez une autre recherche ou effacez les filtres.',
  errorTitle: 'Impossible de charger les services',
  offlineBody: 'Les services se chargeront dès le retour de la connexion.',
  offlineStale: 'Vous êtes hors ligne. Les services chargés précédemment restent affichés.',
  availableIn: 'Disponible en',
  complianceHeading: 'Conformité',
  priceFrom: {
    month: (p) => `À partir de ${p} par mois`,
    year: (p) => `À partir de ${p} par an`,
    'one-time': (p) => `À partir de ${p}, paiement unique`,
  },
  priceOnRequest: 'Prix sur demande',
  plansFor: (s) => `Offres ${s}`,
  selectedAnnouncement: (s) => `${s} sélectionné. Ses offres sont affichées après les services.`,
  uptime: 'Disponibilité',
  supportResponse: 'Délai de réponse du support',
  features: 'Fonctionnalités',
  choosePlan: (p) => `Choisir ${p}`,
  compare: 'Comparer',
  compareLabel: (p, s) => `Comparer ${p} (${s})`,
  compareLimit: (max) => `Vous pouvez comparer jusqu’à ${max} offres.`,
  compareSelected: (n, f) =>
    plural('fr', n, {
      one: `${f} offre sélectionnée pour comparer`,
      other: `${f} offres sélectionnées pour comparer`,
    }),
  compareNeedMore: 'Sélectionnez une offre de plus pour comparer.',
  compareOpen: 'Comparer les offres',
  compareClear: 'Effacer la comparaison',
  compareTitle: 'Comparaison des offres',
  close: 'Fermer',
  included: 'Inclus',
  notIncluded: 'Non inclus',
  regions: 'Régions',
  price: 'Prix',
};

const es: ServiceCatalogStrings = {
  ...STATE_STRINGS.es,
  filtersLabel: 'Buscar un servicio',
  searchLabel: 'Buscar servicios',
  searchPlaceholder: 'Nombre, función o regulador',
  categoryLabel: 'Categoría',
  regionLabel: 'Región',
  complianceLabel: 'Cumplimiento',
  allCategories: 'Todas las categorías',
  allRegions: 'Todas las regiones',
  allCompliance: 'Cualquier cumplimiento',
  clearFilters: 'Borrar filtros',
  count: (n, f) => plural('es', n, { one: `${f} servicio`, other: `${f} servicios` }),
  countFiltered: (shown, total, f) =>
    plural('es', total, {
      one: `Mostrando ${shown} de ${f} servicio`,
      other: `Mostrando ${shown} de ${f} servicios`,
    }),
  servicesLabel: 'Servicios',
  keyboardHint: 'Usa las flechas para moverte entre los servicios e Intro para seleccionar uno.',
  loading: 'Cargando servicios…',
  emptyTitle: 'Todavía no hay servicios',
  emptyBody: 'Este catálogo no tiene servicios que mostrar.',
  noMatchTitle: 'Ningún servicio coincide',
  noMatchBody: 'Prueba otra búsqueda o borra los filtros.',
  errorTitle: 'No se pudieron cargar los servicios',
  offlineBody: 'Los servicios se cargarán cuando vuelva la conexión.',
  offlineStale: 'Estás sin conexión. Se muestran los servicios cargados antes.',
  availableIn: 'Disponible en',
  complianceHeading: 'Cumplimiento',
  priceFrom: {
    month: (p) => `Desde ${p} al mes`,
    year: (p) => `Desde ${p} al año`,
    'one-time': (p) => `Desde ${p}, pago único`,
  },
  priceOnRequest: 'Precio a consultar',
  plansFor: (s) => `Planes de ${s}`,
  selectedAnnouncement: (s) =>
    `${s} seleccionado. Sus planes se muestran después de los servicios.`,
  uptime: 'Disponibilidad',
  supportResponse: 'Tiempo de respuesta del soporte',
  features: 'Funciones',
  choosePlan: (p) => `Elegir ${p}`,
  compare: 'Comparar',
  compareLabel: (p, s) => `Comparar ${p} (${s})`,
  compareLimit: (max) => `Puedes comparar hasta ${max} planes.`,
  compareSelected: (n, f) =>
    plural('es', n, {
      one: `${f} plan seleccionado para comparar`,
      other: `${f} planes seleccionados para comparar`,
    }),
  compareNeedMore: 'Selecciona un plan más para comparar.',
  compareOpen: 'Comparar planes',
  compareClear: 'Borrar comparación',
  compareTitle: 'Comparación de planes',
  close: 'Cerrar',
  included: 'Incluido',
  notIncluded: 'No incluido',
  regions: 'Regiones',
  price: 'Precio',
};

export const SERVICE_CATALOG_STRINGS: Record<Language, ServiceCatalogStrings> = {
  en,
  hi,
  ar,
  fr,
  es,
};
