/** French strings of `<gw-service-catalog>` (typed against ServiceCatalogStrings: a missing key fails the type-check). */
import { STATE_STRINGS } from '../../core/states.js';
import type { ServiceCatalogStrings } from '../locales.js';
import { plural } from '../plural.js';

export const fr: ServiceCatalogStrings = {
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
