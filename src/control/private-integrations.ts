// /_mock/private-integrations: create private integration tokens (shown once), edit their
// scopes, rotate them (7-day grace or expire now) and delete them.
import type { Module } from '../app-env.js'
import { assertFound, assertValid, notFound } from '../errors.js'
import { readJsonBody } from '../http/json-body.js'
import {
  createPrivateIntegration,
  deletePrivateIntegration,
  describeIntegration,
  rotatePrivateIntegration,
  updatePrivateIntegration,
} from '../oauth/private-integrations.js'

export const privateIntegrationControl: Module = (app, runtime) => {
  const base = '/_mock/private-integrations'

  app.get(base, (c) => {
    const rows = runtime.repos.privateIntegrations.list()
    return c.json({ privateIntegrations: rows.map((row) => describeIntegration(runtime, row)), count: rows.length })
  })

  app.post(base, async function createIntegration(c) {
    const { integration, token } = createPrivateIntegration(runtime, await readJsonBody(c))
    return c.json({ ...describeIntegration(runtime, integration), token }, 201)
  })

  app.get(`${base}/:id`, (c) => {
    const row = assertFound(runtime.repos.privateIntegrations.get(c.req.param('id')), notFound(`Private integration ${c.req.param('id')} not found`))
    return c.json(describeIntegration(runtime, row))
  })

  app.patch(`${base}/:id`, async function editIntegration(c) {
    const row = updatePrivateIntegration(runtime, c.req.param('id'), await readJsonBody(c))
    return c.json(describeIntegration(runtime, row))
  })

  app.post(`${base}/:id/rotate`, async function rotateIntegration(c) {
    const body = await readJsonBody(c)
    assertValid(body.expireNow === undefined || typeof body.expireNow === 'boolean' ? [] : ['expireNow must be a boolean'])
    const { integration, token } = rotatePrivateIntegration(runtime, c.req.param('id'), body.expireNow === true)
    return c.json({ ...describeIntegration(runtime, integration), token })
  })

  app.delete(`${base}/:id`, (c) => {
    deletePrivateIntegration(runtime, c.req.param('id'))
    return c.json({ deleted: true, id: c.req.param('id') })
  })
}
