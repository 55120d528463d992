/**
 * The contracts shared by widgets and edge: zod schemas and pure rules, on the shared
 * primitives. For the edge and tools. Widgets import the module they need (`./pricing.js`, or
 * a schema module with `import type`), so their bundles carry neither zod nor unused schemas.
 */
export {
  apiKeySchema,
  auditPageSchema,
  auditRecordSchema,
  createdKeySchema,
  createdTenantSchema,
  createKeySchema,
  createTenantSchema,
  originSchema,
  originsSchema,
  pageQuerySchema,
  problemSchema,
  SECRET_SCOPES,
  type SecretScope,
  secretScopeSchema,
  tenantListSchema,
  tenantSchema,
} from './admin.js';
export {
  type Catalog,
  type CatalogCategory,
  type CatalogPrice,
  type CatalogService,
  type CatalogSla,
  type CatalogTier,
  catalogSchema,
  categorySchema,
  complianceSchema,
  EMPTY_CATALOG,
  priceSchema,
  serviceSchema,
  slaSchema,
  tierSchema,
} from './catalog.js';
export { createDomainSchema, domainSchema } from './domains.js';
export {
  checkPhoneNumber,
  type E164PhoneNumber,
  isPhoneCountry,
  PHONE_COUNTRIES,
  type PhoneCheck,
  type PhoneCountry,
  type PhoneErrorCode,
  phoneSchema,
} from './phone.js';
export {
  BILLING_PERIODS,
  type Billing,
  CURRENCIES,
  type Currency,
  checkSelection,
  defaultSelection,
  divideHalfUp,
  LIMITS,
  QuoteError,
  type QuoteIssue,
  quantityOf,
  quote,
  STANDARD_TAXES,
} from './pricing.js';
export {
  type IssuedQuote,
  issuedQuoteSchema,
  type Plan,
  type PlanInput,
  type PricingPlans,
  planSchema,
  pricingPlansSchema,
  type Quote,
  type QuoteLine,
  type QuoteRequest,
  quoteLineSchema,
  quoteRequestSchema,
  quoteSchema,
  type Selection,
  selectionSchema,
} from './pricing-schemas.js';
export {
  currencySchema,
  displayText,
  idSchema,
  regionSchema,
  SLUG_PATTERN,
  slugSchema,
} from './primitives.js';
export {
  type CompanyRegistration,
  type CompanyRegistrationInput,
  checkCin,
  checkGstin,
  checkPan,
  checkUkCompanyNumber,
  companyRegistrationSchema,
  createCompanyRegistrationSchema,
  crossCheckIndianRegistration,
  gstinCheckCharacter,
  REGISTRATION_COUNTRIES,
  type RegistrationCheck,
  type RegistrationClock,
  type RegistrationErrorCode,
} from './registration.js';
export {
  mintedTokenSchema,
  mintTokenSchema,
  WIDGET_SCOPES,
  type WidgetScope,
  widgetScopeSchema,
} from './tokens.js';
export { LOCALES, WIDGETS, type WidgetConfig, widgetConfigSchema } from './widget.js';
