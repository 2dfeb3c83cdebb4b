// Custom menu links (custom-menus.json): an agency's links in the left menu of its own view and
// of its sub-accounts. The template resource: small, typed by operation key, built on the kit.
// Copy this folder to start a new resource (see CONTRIBUTING.md, "Adding a stateful resource").
import type { customMenus } from '../../generated/index.js'
import type { HandlerSet, OperationHandler, SuccessBody } from '../../handlers/handler.js'
import type { CustomMenuRow } from '../../storage/custom-menus.js'
import { ghlId } from '../../world/ids.js'
import { GhlError, nowOf, pageWindow, pathParam, Problems, runtimeOf, tokenOf, type Ctx } from '../kit/index.js'
import { readMenuFields, type MenuFields } from './custom-menu-input.js'

type CustomMenu = customMenus.components['schemas']['CustomMenuSchema']

/** Unknown ids and another agency's ids get the same answer. */
export const customMenuNotFound = () => new GhlError(404, 'Custom menu link not found')

/** The API shape of a stored link. */
function menuView(row: CustomMenuRow): CustomMenu {
  return { id: row.id, ...(row.data as MenuFields) } as CustomMenu
}

/** The caller's agency's link with this id, or the not-found answer. */
function menuOf(c: Ctx): CustomMenuRow {
  const row = runtimeOf(c).repos.customMenus.get(pathParam(c, 'customMenuId'))
  if (!row || row.companyId !== tokenOf(c).companyId) throw customMenuNotFound()
  return row
}

/** 422 unless every listed sub-account belongs to the caller's agency. */
function assertOwnLocations(c: Ctx, fields: MenuFields): void {
  const { repos } = runtimeOf(c)
  const companyId = tokenOf(c).companyId
  const foreign = (fields.locations ?? []).filter((id) => repos.locations.get(id)?.companyId !== companyId)
  if (foreign.length > 0) throw new GhlError(422, foreign.map((id) => `locations contains ${id}, which is not a sub-account of this agency`))
}

const listMenus: OperationHandler<'get-custom-menus'> = (c) => {
  const problems = new Problems()
  const window = pageWindow(problems, { skip: c.req.query('skip'), limit: c.req.query('limit') }, { defaultLimit: 20, maxLimit: 100 })
  const companyOnly = problems.bool('showOnCompany', c.req.query('showOnCompany'), false)
  const query = problems.text('query', c.req.query('query'), false)
  problems.check()
  const locationId = c.req.query('locationId') || undefined
  const { rows, total } = runtimeOf(c).repos.customMenus.list({
    companyId: tokenOf(c).companyId, locationId, companyOnly: locationId === undefined && companyOnly, query, ...window,
  })
  const body: SuccessBody<'get-custom-menus'> = { customMenus: rows.map(menuView), totalLinks: total }
  return c.json(body)
}

const getMenu: OperationHandler<'get-custom-menu-by-id'> = (c) => {
  const body: SuccessBody<'get-custom-menu-by-id'> = { customMenu: menuView(menuOf(c)) }
  return c.json(body)
}

const createMenu: OperationHandler<'create-custom-menu'> = (c, input) => {
  const fields = readMenuFields(input, true)
  assertOwnLocations(c, fields)
  const { repos } = runtimeOf(c)
  const companyId = tokenOf(c).companyId
  const { ms } = nowOf(c)
  const row: CustomMenuRow = { id: ghlId(), companyId, data: {}, createdAt: ms, updatedAt: ms }
  repos.transaction(() => {
    // New links go last in the menu.
    row.data = { ...fields, order: repos.customMenus.list({ companyId, companyOnly: false, skip: 0, limit: 1 }).total + 1 }
    repos.customMenus.insert(row)
  })
  const body: SuccessBody<'create-custom-menu'> = { customMenu: menuView(row) }
  return c.json(body, 201)
}

const updateMenu: OperationHandler<'update-custom-menu'> = (c, input) => {
  const row = menuOf(c)
  const fields = readMenuFields(input, false)
  assertOwnLocations(c, fields)
  const updated: CustomMenuRow = { ...row, data: { ...row.data, ...fields }, updatedAt: nowOf(c).ms }
  runtimeOf(c).repos.customMenus.update(row.id, updated.data, updated.updatedAt)
  const body: SuccessBody<'update-custom-menu'> = { success: true, customMenu: menuView(updated) }
  return c.json(body)
}

const deleteMenu: OperationHandler<'delete-custom-menu'> = (c) => {
  const row = menuOf(c)
  runtimeOf(c).repos.customMenus.remove(row.id)
  const body: SuccessBody<'delete-custom-menu'> = {
    success: true, message: 'Custom menu link deleted successfully', deletedMenuId: row.id, deletedAt: nowOf(c).iso,
  }
  return c.json(body)
}

export const customMenuHandlers: HandlerSet = {
  'get-custom-menus': listMenus,
  'get-custom-menu-by-id': getMenu,
  'create-custom-menu': createMenu,
  'update-custom-menu': updateMenu,
  'delete-custom-menu': deleteMenu,
}
