// Every stateful operation of locations.json, gathered so the registry adds them with one line.
import type { HandlerSet } from '../../handlers/handler.js'
import { customValueHandlers } from './custom-values.js'
import { tagHandlers } from './location-tags.js'
import { taskHandlers } from './location-tasks.js'
import { templateHandlers } from './location-templates.js'
import { timezoneHandlers } from './location-timezones.js'
import { locationHandlers } from './locations.js'
import { customFieldV1Handlers } from '../custom-fields/custom-fields-v1.js'
import { customFieldUploadHandlers } from '../custom-fields/custom-field-upload.js'

export const locationFamilyHandlers: HandlerSet = {
  ...locationHandlers,
  ...tagHandlers,
  // v1 custom fields are locations.json operations; they share the custom-fields folder's model.
  ...customFieldV1Handlers,
  ...customFieldUploadHandlers,
  ...customValueHandlers,
  ...taskHandlers,
  ...templateHandlers,
  ...timezoneHandlers,
}
