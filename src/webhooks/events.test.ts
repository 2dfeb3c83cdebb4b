import { describe, expect, it } from 'vitest'
import { isEventType, scopeForEvent } from './events.js'

describe('event catalog', () => {
  it('maps each type to the scope of the docs table', () => {
    expect(scopeForEvent('ContactTagUpdate')).toBe('contacts.readonly')
    expect(scopeForEvent('TaskDelete')).toBe('contacts.readonly')
    expect(scopeForEvent('TaskComplete')).toBe('contacts.readonly')
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
