import { describe, expect, it } from 'vitest'
import type { InstallRow } from '../../storage/installs.js'
import type { App, Company } from '../../world/model.js'
import { eventCatalog, eventTypes } from '../events.js'
import { eventFor, payloadFor, payloadRegistry } from './index.js'

describe('payload registry', () => {
  it('has one builder for every event type of the catalog', () => {
    expect(Object.keys(payloadRegistry).sort()).toEqual(Object.keys(eventCatalog).sort())
    expect(eventTypes).toContain('TaskComplete')
  })
})

describe('payload builders', () => {
  const contact = { id: 'c1', locationId: 'L1', firstName: 'Ada', lastName: 'Lovelace', type: 'lead', contactName: 'ada lovelace', email: null, dnd: true, dndSettings: { SMS: { status: 'active' } } }

  it('shapes a contact with the documented fields it has, and dndSettings on ContactDndUpdate', () => {
    const created = eventFor('ContactCreate', contact)
    expect(created).toMatchObject({ type: 'ContactCreate', locationId: 'L1' })
    expect(created.payload).toEqual({ type: 'ContactCreate', locationId: 'L1', id: 'c1', dnd: true, name: 'Ada Lovelace', firstName: 'Ada', lastName: 'Lovelace', attachments: [] })
    expect(payloadFor('ContactDndUpdate', contact).dndSettings).toEqual({ SMS: { status: 'active' } })
  })

  it('sends assignedTo null and omits an unset monetaryValue, as the real OpportunityCreate sample does', () => {
    const payload = payloadFor('OpportunityCreate', { id: 'o1', locationId: 'L1', assignedTo: null, createdAt: '2025-11-07T12:40:44.510Z' })
    expect(payload).not.toHaveProperty('monetaryValue')
    expect(payload).toMatchObject({ id: 'o1', assignedTo: null, dateAdded: '2025-11-07T12:40:44.510Z' })
  })

  it('names message channels and directions as the message events do', () => {
    expect(eventFor('OutboundMessage', { id: 'm1', locationId: 'L1', direction: 'outbound', messageType: 'TYPE_EMAIL', userId: 'u1' })).toMatchObject({
      type: 'OutboundMessage',
      payload: { messageId: 'm1', messageType: 'Email', direction: 'outbound', userId: 'u1' },
    })
    expect(payloadFor('InboundMessage', { id: 'm2', locationId: 'L1', direction: 'inbound', messageType: 'TYPE_LIVE_CHAT' })).toMatchObject({ messageType: 'Live Chat' })
  })

  it('builds INSTALL for a location and for an agency, and both UNINSTALL forms', () => {
    const app = { id: 'a1', versionId: 'v1', planId: null } as unknown as App
    const company = { id: 'C1', name: 'Acme', isWhitelabelCompany: false, whitelabelDetails: { logoUrl: '', domain: '' } } as unknown as Company
    const row = (locationId: string | null): InstallRow => ({
      id: 'i1', appId: 'a1', companyId: 'C1', locationId, installType: locationId ? 'Location' : 'Company', isBulk: false,
      status: 'installed', data: { userId: 'u1' }, createdAt: 0, uninstalledAt: null,
    })
    const location = eventFor('INSTALL', { row: row('L1'), app, company })
    expect(Object.keys(location.payload)).toEqual(['type', 'appId', 'versionId', 'installType', 'locationId', 'companyId', 'userId', 'trial', 'isWhitelabelCompany', 'whitelabelDetails', 'companyName'])
    expect(location).toMatchObject({ appId: 'a1', locationId: 'L1', companyId: 'C1' })
    const agency = eventFor('INSTALL', { row: row(null), app, company })
    expect(agency.payload).not.toHaveProperty('locationId')
    expect(agency.payload).not.toHaveProperty('userId')
    expect(eventFor('UNINSTALL', { row: row('L1'), app, company })).toEqual({ type: 'UNINSTALL', appId: 'a1', locationId: 'L1', companyId: 'C1', payload: { type: 'UNINSTALL', appId: 'a1', locationId: 'L1' } })
    expect(payloadFor('UNINSTALL', { row: row(null), app, company })).toEqual({ type: 'UNINSTALL', appId: 'a1', companyId: 'C1' })
  })
})
