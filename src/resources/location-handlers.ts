// Every stateful operation of locations.json, users.json, businesses.json and custom-fields.json,
// gathered so the handler registry adds them with one line.
import type { HandlerSet } from '../handlers/index.js'
import { businessHandlers } from './businesses.js'
import { customFieldUploadHandlers } from './custom-field-upload.js'
import { customFieldV1Handlers } from './custom-fields-v1.js'
import { customFieldV2Handlers } from './custom-fields-v2.js'
import { customValueHandlers } from './custom-values.js'
import { tagHandlers } from './location-tags.js'
import { taskHandlers } from './location-tasks.js'
import { templateHandlers } from './location-templates.js'
import { timezoneHandlers } from './location-timezones.js'
import { locationHandlers } from './locations.js'
import { userHandlers } from './users.js'

export const locationFamilyHandlers: HandlerSet = {
  ...locationHandlers,
  ...tagHandlers,
  ...customFieldV1Handlers,
  ...customFieldUploadHandlers,
  ...customValueHandlers,
  ...taskHandlers,
  ...templateHandlers,
  ...timezoneHandlers,
  ...userHandlers,
  ...businessHandlers,
  ...customFieldV2Handlers,
}
