// A contact's tasks: list (by due date), create, get, update, mark completed, delete. Events:
// TaskCreate, TaskUpdate (any other change), TaskComplete (when a task becomes completed) and
// TaskDelete, each with the documented payload, in the write's transaction.
import { objectBody } from '../kit/body.js'
import type { BodyOf, HandlerSet } from '../../handlers/handler.js'
import { badRequest } from '../../errors.js'
import type { JsonObject } from '../kit/body.js'
import type { Runtime } from '../../runtime.js'
import type { ChildRow, TaskColumns } from '../../storage/contact-store.js'
import { eventFor } from '../../webhooks/payloads/index.js'
import type { TaskEventType } from '../../webhooks/payloads/tasks.js'
import { ghlId } from '../../world/ids.js'
import { contactOf } from './contact-access.js'
import { Problems, assertValid, nowOf, pathParam, type Ctx } from '../kit/index.js'
import { userOfLocation } from './contact-shape.js'

type Json = Record<string, unknown>

const taskNotFound = () => badRequest('Task not found')

/** `required` lists the fields a create must carry (the spec's CreateTaskParams). */
function readTaskBody(body: JsonObject, required: readonly string[], locationId: string, runtime: Runtime): Json {
  const problems = new Problems()
  const set: Json = {}
  const present = (field: string) => {
    if (body[field] !== undefined && body[field] !== null) return true
    if (required.includes(field)) problems.add(`${field} should not be empty`)
    return false
  }
  if (present('title')) {
    if (typeof body.title !== 'string' || body.title.trim() === '') problems.add('title must be a non-empty string')
    else set.title = body.title
  }
  if (present('body')) {
    if (typeof body.body !== 'string') problems.add('body must be a string')
    else set.body = body.body
  }
  if (present('dueDate')) {
    const due = typeof body.dueDate === 'string' ? Date.parse(body.dueDate) : Number.NaN
    if (Number.isNaN(due)) problems.add('dueDate must be a valid ISO 8601 date string')
    else set.dueDate = new Date(due).toISOString()
  }
  if (present('completed')) {
    if (typeof body.completed !== 'boolean') problems.add('completed must be a boolean value')
    else set.completed = body.completed
  }
  if (present('assignedTo')) {
    if (typeof body.assignedTo !== 'string' || !userOfLocation(runtime.repos, locationId, body.assignedTo)) problems.add('assignedTo must be the id of a user of this location')
    else set.assignedTo = body.assignedTo
  }
  problems.check()
  return set
}

const columnsOf = (data: Json): TaskColumns => ({
  assignedTo: typeof data.assignedTo === 'string' ? data.assignedTo : null,
  completed: data.completed === true,
  dueAt: typeof data.dueDate === 'string' ? Date.parse(data.dueDate) : null,
})

function taskOf(c: Ctx): ChildRow {
  const contact = contactOf(c, pathParam(c, 'contactId'))
  const task = c.var.runtime.repos.contactStore.tasks.get(contact.id, pathParam(c, 'taskId'))
  if (!task) throw taskNotFound()
  return task
}

function emitTask(runtime: Runtime, type: TaskEventType, task: ChildRow): void {
  runtime.emit(eventFor(type, task))
}

function listTasks(c: Ctx): Response {
  const contact = contactOf(c, pathParam(c, 'contactId'))
  const tasks = c.var.runtime.repos.contactStore.tasks.listOf(contact.id)
  const due = (task: ChildRow) => Date.parse(String(task.data.dueDate))
  tasks.sort((a, b) => due(a) - due(b) || a.createdAt - b.createdAt)
  return c.json({ tasks: tasks.map((task) => task.data) })
}

async function createTask(c: Ctx, requestBody: BodyOf<'create-task'>): Promise<Response> {
  const { runtime } = c.var
  const contact = contactOf(c, pathParam(c, 'contactId'))
  const set = readTaskBody(objectBody(requestBody), ['title', 'dueDate', 'completed'], contact.locationId, runtime)
  const now = nowOf(runtime)
  const id = ghlId()
  const task: ChildRow = {
    id,
    locationId: contact.locationId,
    contactId: contact.id,
    data: { id, ...set, contactId: contact.id, dateAdded: now.iso },
    createdAt: now.ms,
    updatedAt: now.ms,
  }
  runtime.repos.transaction(() => {
    runtime.repos.contactStore.tasks.insertTask(task, columnsOf(task.data))
    emitTask(runtime, 'TaskCreate', task)
  })
  return c.json({ task: task.data }, 201)
}

function getTask(c: Ctx): Response {
  return c.json({ task: taskOf(c).data })
}

/** Writes the change and emits TaskComplete when it completes the task, TaskUpdate for anything else. */
function saveTask(runtime: Runtime, task: ChildRow, set: Json): Json {
  const now = nowOf(runtime)
  const data = { ...task.data, ...set }
  const updated: ChildRow = { ...task, data, updatedAt: now.ms }
  const completes = task.data.completed !== true && data.completed === true
  const others = Object.keys(set).some((field) => field !== 'completed' && JSON.stringify(set[field]) !== JSON.stringify(task.data[field]))
  const reopens = task.data.completed === true && data.completed === false
  runtime.repos.transaction(() => {
    runtime.repos.contactStore.tasks.updateTask(task.id, data, now.ms, columnsOf(data))
    if (others || reopens) emitTask(runtime, 'TaskUpdate', updated)
    if (completes) emitTask(runtime, 'TaskComplete', updated)
  })
  return data
}

async function updateTask(c: Ctx, requestBody: BodyOf<'update-task'>): Promise<Response> {
  const { runtime } = c.var
  const task = taskOf(c)
  const set = readTaskBody(objectBody(requestBody), [], task.locationId, runtime)
  return c.json({ task: saveTask(runtime, task, set) })
}

async function completeTask(c: Ctx, requestBody: BodyOf<'update-task-completed'>): Promise<Response> {
  const { runtime } = c.var
  const task = taskOf(c)
  const body = objectBody(requestBody)
  if (typeof body.completed !== 'boolean') assertValid(['completed should not be empty', 'completed must be a boolean value'])
  return c.json({ task: saveTask(runtime, task, { completed: body.completed }) })
}

function deleteTask(c: Ctx): Response {
  const { runtime } = c.var
  const task = taskOf(c)
  runtime.repos.transaction(() => {
    runtime.repos.contactStore.tasks.remove(task.id)
    emitTask(runtime, 'TaskDelete', task)
  })
  return c.json({ succeded: true })
}

export const contactTaskHandlers: HandlerSet = {
  'get-all-tasks': listTasks,
  'create-task': createTask,
  'get-task': getTask,
  'update-task': updateTask,
  'update-task-completed': completeTask,
  'delete-task': deleteTask,
}
