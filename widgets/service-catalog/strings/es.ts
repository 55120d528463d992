/** Spanish strings of `<gw-service-catalog>` (typed against ServiceCatalogStrings: a missing key fails the type-check). */
import { STATE_STRINGS } from '../../core/states.js';
import type { ServiceCatalogStrings } from '../locales.js';
import { plural } from '../plural.js';

export const es: ServiceCatalogStrings = {
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
