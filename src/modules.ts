// The one list of what the app serves, in matching order. Adding a module is one line here.
import type { Module } from './app-env.js'
import { controlPlane } from './control/index.js'
import { gateway } from './gateway/pipeline.js'

export const modules: readonly Module[] = [controlPlane, gateway]
