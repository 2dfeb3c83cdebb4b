// The resource kit: what every stateful resource shares (caller and tenant access, the problem
// collector for 422s, "now" from the clock, the parsed body, paging). Import from here.
export { accessibleLocation, actorOf, assertCompany, companyForbidden, mayActIn, mayActOn, mayActOnLocationId, namedLocation, pathParam, runtimeOf, tokenOf, type Ctx } from './access.js'
export { objectBody, type JsonObject } from './body.js'
export { pageOf, pageWindow, type PageWindow } from './paging.js'
export { Problems } from './problems.js'
export { nowIso, nowOf } from './time.js'
export { assertFound, assertValid, badRequest, GhlError, notFound } from '../../errors.js'
