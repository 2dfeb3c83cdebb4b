import { describe, expect, it } from 'vitest'
import { contactEvent, installEvent, isEventType, messageEvent, opportunityEvent, scopeForEvent, uninstallEvent } from './events.js'

describe('event catalog', () => {
  it('maps each type to the scope of the docs table', () => {
    expect(scopeForEvent('ContactTagUpdate')).toBe('contacts.readonly')
    expect(scopeForEvent('TaskDelete')).toBe('contacts.readonly')
    expect(scopeForEvent('OpportunityMonetaryValueUpdate')).toBe('opportunities.readonly')
    expect(scopeForEvent('AppointmentUpdate')).toBe('calendars/events.readonly')
    expect(scopeForEvent('OutboundMessage')).toBe('conversations/message.readonly')
    expect(scopeForEvent('LocationCreate')).toBe('locations.readonly')
    expect(scopeForEvent('UserCreate')).toBe('users.readonly')
    expect(scopeForEvent('INSTALL')).toBeNull()
    expect(scopeForEvent('InvoicePaid')).toBeUndefined()
    expect(isEventType('toString')).toBe(false)
  })
})

describe('payload builders', () => {
  const contact = { id: 'c1', locationId: 'L1', firstName: 'Ada', lastName: 'Lovelace', type: 'lead', contactName: 'ada lovelace', dnd: true, dndSettings: { SMS: { status: 'active' } } }

  it('shapes a contact with the documented fields only, and dndSettings on ContactDndUpdate', () => {
    const created = contactEvent('ContactCreate', contact)
    expect(created).toMatchObject({ type: 'ContactCreate', locationId: 'L1' })
    expect(created.payload).toMatchObject({ id: 'c1', name: 'Ada Lovelace', firstName: 'Ada', tags: [], customFields: [], attachments: [], email: null })
    expect(created.payload).not.toHaveProperty('type') // the record's own `type` must not clash with the event's
    expect(created.payload).not.toHaveProperty('contactName')
    expect(created.payload).not.toHaveProperty('dndSettings')
    expect(contactEvent('ContactDndUpdate', contact).payload.dndSettings).toEqual({ SMS: { status: 'active' } })
  })

  it('omits an unset monetaryValue, as the real OpportunityCreate sample does', () => {
    const event = opportunityEvent('OpportunityCreate', { id: 'o1', locationId: 'L1', assignedTo: null, createdAt: '2025-11-07T12:40:44.510Z' })
    expect(event.payload).not.toHaveProperty('monetaryValue')
    expect(event.payload).toMatchObject({ id: 'o1', assignedTo: null, dateAdded: '2025-11-07T12:40:44.510Z' })
  })

  it('names message channels and directions as the message events do', () => {
    expect(messageEvent({ id: 'm1', locationId: 'L1', direction: 'outbound', messageType: 'TYPE_EMAIL', userId: 'u1' })).toMatchObject({
      type: 'OutboundMessage',
      payload: { messageId: 'm1', messageType: 'Email', direction: 'outbound', userId: 'u1' },
    })
    expect(messageEvent({ id: 'm2', locationId: 'L1', direction: 'inbound', messageType: 'TYPE_LIVE_CHAT' }).payload).toMatchObject({ messageType: 'Live Chat' })
  })

  it('builds INSTALL for a location and for an agency, and both UNINSTALL forms', () => {
    const base = { appId: 'a1', versionId: 'v1', companyId: 'C1', isWhitelabelCompany: false, whitelabelDetails: { logoUrl: '', domain: '' }, companyName: 'Acme' }
    const location = installEvent({ ...base, installType: 'Location', locationId: 'L1', userId: 'u1' })
    expect(Object.keys(location.payload)).toEqual(['appId', 'versionId', 'installType', 'locationId', 'companyId', 'userId', 'planId', 'trial', 'isWhitelabelCompany', 'whitelabelDetails', 'companyName'])
    expect(location).toMatchObject({ appId: 'a1', locationId: 'L1', companyId: 'C1' })
    const agency = installEvent({ ...base, installType: 'Company' })
    expect(agency.payload).not.toHaveProperty('locationId')
    expect(agency.payload).not.toHaveProperty('userId')
    expect(uninstallEvent('a1', { locationId: 'L1' })).toEqual({ type: 'UNINSTALL', appId: 'a1', locationId: 'L1', payload: { appId: 'a1', locationId: 'L1' } })
    expect(uninstallEvent('a1', { companyId: 'C1' }).payload).toEqual({ appId: 'a1', companyId: 'C1' })
  })
})
