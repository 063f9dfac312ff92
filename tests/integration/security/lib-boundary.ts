// The lib boundary's registry: every exported lib function that parses its input with a zod schema
// (parseInput, lib/errors.ts), and as whom ./lib-fuzz.test.ts calls it. ./lib-discovery.ts finds them in the
// sources; a function without an entry here fails the suite, and so does an entry without a function. The schema
// must be exported by the module that defines it (the fuzzer generates input from it).
//
// Adding an entry: key "<file>#<function>", and how it is called:
//   tenant   (ctx: TenantContext, input) as a member of each role of a real company
//   owner    (person: the signed-in person's SessionUser, input)
//   platform (ctx: PlatformContext, input) as a platform administrator
//   public   (input, request: RequestMeta)
//   token    (token, input, request): a one-time token from an email, which the fuzzer does not have
// `after` is what follows the input (setArchived's flag).
export interface BoundaryEntry {
  as: "tenant" | "owner" | "platform" | "public" | "token";
  after?: unknown[];
}

export const LIB_BOUNDARY: Record<string, BoundaryEntry> = {
  "lib/audit/export-audit-entries.ts#exportAuditEntries": { as: "tenant" },
  "lib/audit/list-audit-entries.ts#listAuditEntries": { as: "tenant" },
  "lib/accounts/accept-invitation.ts#acceptInvitationAsNewUser": { as: "token" },
  "lib/accounts/accept-invitation.ts#acceptInvitationWithPassword": { as: "token" },
  "lib/accounts/change-password.ts#changePassword": { as: "owner" },
  "lib/accounts/register-company.ts#registerCompany": { as: "public" },
  "lib/accounts/request-password-reset.ts#requestPasswordReset": { as: "public" },
  "lib/accounts/reset-password.ts#resetPassword": { as: "public" },
  "lib/auth/sessions.ts#revokeOwnSession": { as: "owner" },
  "lib/auth/switch-company.ts#switchCompany": { as: "owner" },
  "lib/accounts/update-profile.ts#changeEmail": { as: "owner" },
  "lib/accounts/update-profile.ts#updateProfileName": { as: "owner" },
  "lib/companies/update-company-settings.ts#updateCompanySettings": { as: "tenant" },
  "lib/dashboard/get-dashboard.ts#getDashboard": { as: "tenant" },
  "lib/labels/get-location-labels.ts#getLocationLabels": { as: "tenant" },
  "lib/labels/get-product-labels.ts#getProductLabels": { as: "tenant" },
  "lib/locations/archive-location.ts#archiveLocation": { as: "tenant" },
  "lib/locations/create-location.ts#createLocation": { as: "tenant" },
  "lib/locations/get-location.ts#getLocation": { as: "tenant" },
  "lib/locations/list-locations.ts#listLocations": { as: "tenant" },
  "lib/locations/rename-location.ts#renameLocation": { as: "tenant" },
  "lib/locations/restore-location.ts#restoreLocation": { as: "tenant" },
  "lib/locations/set-default-location.ts#setDefaultLocation": { as: "tenant" },
  "lib/notifications/update-notification-preferences.ts#updateNotificationPreferences": { as: "tenant" },
  "lib/orders/approve-order-request.ts#approveOrderRequest": { as: "tenant" },
  "lib/orders/cancel-order-request.ts#cancelOrderRequest": { as: "tenant" },
  "lib/orders/close-order-request.ts#closeOrderRequest": { as: "tenant" },
  "lib/orders/create-order-request.ts#createOrderRequest": { as: "tenant" },
  "lib/orders/find-order-products.ts#findOrderProducts": { as: "tenant" },
  "lib/orders/fulfil-order-request.ts#fulfilOrderRequest": { as: "tenant" },
  "lib/orders/get-order-request.ts#getOrderRequest": { as: "tenant" },
  "lib/orders/list-order-requests.ts#listOrderRequests": { as: "tenant" },
  "lib/orders/locate-order-request.ts#locateOrderRequest": { as: "owner" },
  "lib/orders/reject-order-request.ts#rejectOrderRequest": { as: "tenant" },
  "lib/orders/update-order-request.ts#updateOrderRequest": { as: "tenant" },
  "lib/push/remove-push-subscription.ts#removePushSubscription": { as: "tenant" },
  "lib/push/save-push-subscription.ts#savePushSubscription": { as: "tenant" },
  "lib/platform/change-company-status.ts#changeCompanyStatus": { as: "platform" },
  "lib/platform/list-companies.ts#listCompanies": { as: "platform" },
  "lib/platform/set-require-company-approval.ts#setRequireCompanyApproval": { as: "platform" },
  "lib/contact/submit-contact-message.ts#submitContactMessage": { as: "public" },
  "lib/products/create-product.ts#createProduct": { as: "tenant" },
  "lib/products/export-products.ts#exportProducts": { as: "tenant" },
  "lib/products/find-product-by-code.ts#findProductByCode": { as: "tenant" },
  "lib/products/get-product.ts#getProduct": { as: "tenant" },
  "lib/products/import-products.ts#importProducts": { as: "tenant" },
  "lib/products/list-product-filters.ts#listProductFilters": { as: "tenant" },
  "lib/products/product-list-page.ts#getProductListView": { as: "tenant" },
  "lib/products/list-products.ts#listProducts": { as: "tenant" },
  "lib/products/product-archiving.ts#setArchived": { as: "tenant", after: [true] },
  "lib/products/product-duplicates.ts#resolveProductDuplicate": { as: "tenant" },
  "lib/products/update-product.ts#updateProduct": { as: "tenant" },
  "lib/stock/adjust-stock.ts#adjustStock": { as: "tenant" },
  "lib/stock/set-location-reorder-point.ts#setLocationReorderPoint": { as: "tenant" },
  "lib/stock/reorder-suggestions.ts#listReorderSuggestions": { as: "tenant" },
  "lib/stock/reorder-page.ts#getReorderView": { as: "tenant" },
  "lib/stock/draft-restock.ts#draftRestockFromSuggestions": { as: "tenant" },
  "lib/stock/export-stock-levels.ts#exportStockLevels": { as: "tenant" },
  "lib/stock/get-product-stock.ts#getProductStock": { as: "tenant" },
  "lib/stock/import-stock-levels.ts#importStockLevels": { as: "tenant" },
  "lib/stock/list-stocktake-products.ts#listStocktakeProducts": { as: "tenant" },
  "lib/stock/low-stock.ts#countLowStock": { as: "tenant" },
  "lib/stock/record-stocktake.ts#recordStocktake": { as: "tenant" },
  "lib/stock/search-stock-products.ts#searchStockProducts": { as: "tenant" },
  "lib/stock/transfer-stock.ts#transferStock": { as: "tenant" },
  "lib/users/change-member-role.ts#changeMemberRole": { as: "tenant" },
  "lib/users/create-member-with-temporary-password.ts#createMemberWithTemporaryPassword": { as: "tenant" },
  "lib/users/deactivate-member.ts#deactivateMember": { as: "tenant" },
  "lib/users/invite-member.ts#inviteMember": { as: "tenant" },
  "lib/users/list-invitations.ts#listInvitations": { as: "tenant" },
  "lib/users/list-members.ts#listMembers": { as: "tenant" },
  "lib/users/reactivate-member.ts#reactivateMember": { as: "tenant" },
  "lib/users/resend-invitation.ts#resendInvitation": { as: "tenant" },
  "lib/users/reset-member-password.ts#resetMemberPassword": { as: "tenant" },
  "lib/users/revoke-invitation.ts#revokeInvitation": { as: "tenant" },
};
