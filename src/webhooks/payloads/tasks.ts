// Task* payloads (TaskCreate/Update/Complete/Delete) from a stored contact task, as the TaskCreate
// and TaskComplete pages document them. Pure; a real write and a triggered event both come through here.
import type { ChildRow } from '../../storage/contact-store.js'

type Json = Record<string, unknown>

export type TaskEventType = 'TaskCreate' | 'TaskUpdate' | 'TaskComplete' | 'TaskDelete'

const FIELDS = ['assignedTo', 'body', 'contactId', 'title', 'dateAdded', 'dueDate'] as const

/**
 * `{type, locationId, id, assignedTo, body, contactId, title, dateAdded, dueDate}`, unset fields
 * left out; every event but TaskCreate also says whether the task is `completed`.
 */
export function taskPayload(type: string, task: ChildRow): Json {
  const data: Json = { ...task.data, contactId: task.contactId }
  const payload: Json = { type, locationId: task.locationId, id: task.id }
  for (const field of FIELDS) {
    if (data[field] !== undefined && data[field] !== null) payload[field] = data[field]
  }
  if (type !== 'TaskCreate') payload.completed = data.completed === true
  return payload
}
