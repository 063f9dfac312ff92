// Which Prisma models belong to a company. Tenant models carry companyId and are scoped by the tenant client;
// platform models are reachable through the system client only. tests/integration/database-catalog.test.ts
// checks these lists against the database (every table with company_id is a tenant model, and the reverse).
export const TENANT_MODELS = [
  "Membership",
  "NotificationPreference",
  "Location",
  "Product",
  "Supplier",
  "Customer",
  "ProductSupplier",
  "StockLevel",
  "StockMovement",
  "OrderRequestCounter",
  "OrderRequest",
  "OrderLine",
  "AuditLog",
  "EmailOutbox",
  "OneTimeToken",
  "LowStockAlert",
  "StockMovementDay",
  "StockMovementDayTotal",
  "ProductStockTotal",
  "StockValueShard",
  "StockOperation",
  "PushSubscription",
  "PushOutbox",
  "Stocktake",
  "StocktakeLine",
] as const;

export const PLATFORM_MODELS = [
  "PlatformAuditLog",
  "ContactMessage",
  "RateLimitBucket",
  "PlatformSettings",
  "Session",
  "SignInLockout",
] as const;

export type TenantModel = (typeof TENANT_MODELS)[number];

const tenantModels = new Set<string>(TENANT_MODELS);
const platformModels = new Set<string>(PLATFORM_MODELS);

export function isTenantModel(model: string): model is TenantModel {
  return tenantModels.has(model);
}

export function isPlatformModel(model: string): boolean {
  return platformModels.has(model);
}
