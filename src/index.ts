// ghl-mock's public API: start an instance, and the types that describe it.
export { createServer, type GhlMock } from './server.js'
export type { ServerOptions, SignatureMode, LogLevel, WorldSize } from './options.js'
export type { Clock, ClockMode } from './clock.js'
export type { FixturesInput, AppFixture, AgencyFixture, Counts } from './fixtures/fixtures-file.js'
export type { App, Company, Location, User } from './world/model.js'
export type { WorldDescription, AppDescription, InstallDescription } from './world/description.js'
