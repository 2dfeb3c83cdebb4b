// Pipelines (seeded, read-only over the v2 API): `GET /opportunities/pipelines` and the lookups
// opportunities use to check that a pipeline and stage belong to a location. Pipeline CRUD exists
// only under Version v3 on the real platform and in neither spec file, so it is not emulated.
import type { Context } from 'hono'
import type { AppEnv } from '../../app-env.js'
import type { HandlerSet } from '../../handlers/handler.js'
import type { Repos } from '../../storage/repos.js'
import { FieldReader } from './opportunity-input.js'
import { accessibleLocation, tokenOf } from '../kit/index.js'
import { withoutNulls } from './opportunity-view.js'

type Json = Record<string, unknown>

export interface Stage {
  id: string
  name: string
  position: number
}

export interface Pipeline {
  id: string
  name: string
  locationId: string
  stages: Stage[]
}

/** The pipeline if it belongs to the location; another location's pipeline reads as unknown. */
export function findPipeline(repos: Repos, locationId: string, pipelineId: string): Pipeline | undefined {
  const row = repos.pipelines.getInLocation(locationId, pipelineId)
  return row ? (row.data as unknown as Pipeline) : undefined
}

export function stageOf(pipeline: Pipeline, stageId: string): Stage | undefined {
  return pipeline.stages.find((stage) => stage.id === stageId)
}

/** Where a new opportunity lands when no stage is given: the lowest position, as in the UI. */
export function firstStage(pipeline: Pipeline): Stage | undefined {
  return [...pipeline.stages].sort((a, b) => a.position - b.position)[0]
}

/** A location has a handful of pipelines; one page this size is all of them. */
const MAX_PIPELINES = 1000

function getPipelines(c: Context<AppEnv>): Response {
  const { repos } = c.var.runtime
  const auth = tokenOf(c)
  const query = new FieldReader(c.req.query() as Json)
  const locationId = query.string('locationId', { required: true })
  query.done()
  accessibleLocation(c, locationId!)
  const pipelines = repos.pipelines.listByLocation(locationId!, MAX_PIPELINES).map((row) => withoutNulls(row.data))
  return c.json({ pipelines })
}

export const pipelineHandlers: HandlerSet = {
  'get-pipelines': getPipelines,
}
