// The world as a whole: seeding an empty database, and the `GET /_mock/world` description (apps with
// credentials, companies, locations, users, and installs with their payment status).
import type { Runtime } from '../runtime.js'
import { describeInstall } from '../oauth/installs.js'
import type { WorldDescription } from './description.js'

/**
 * Seeds when the database has no apps yet (a new file, `:memory:`, or after a wipe). The seeder
 * (and faker, ~400 ms to import) loads only then, so a warm start never pays for it.
 */
export async function seedIfEmpty(runtime: Runtime): Promise<boolean> {
  if (runtime.repos.apps.list().length > 0) return false
  const { seedWorld } = await import('../fixtures/seed.js')
  seedWorld(runtime.repos, {
    seed: runtime.options.seed,
    fixtures: runtime.fixtures,
    webhookUrl: runtime.options.webhookUrl,
    anchorMs: runtime.clock.now(),
  })
  return true
}

/**
 * What a developer needs to point an app at the mock. A freshly seeded world is time-independent, so
 * the same seed gives a byte-identical answer; what the API or the control plane added since (a new
 * location, an install with its `installedAt`) shows as well.
 */
export function describeWorld(runtime: Runtime): WorldDescription {
  const { repos } = runtime
  return {
    apps: repos.apps.list().map((app) => ({
      id: app.id,
      name: app.name,
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      versionId: app.versionId,
      redirectUris: app.redirectUris,
      scopes: app.scopes,
      distribution: app.distribution,
      webhookUrl: app.webhookUrl,
      webhookEvents: app.webhookEvents,
      businessModel: app.businessModel,
      billingUrl: app.billingUrl,
      planId: app.planId,
      // The id a provider's inbound messages name, and where its outbound messages go.
      ...(app.conversationProvider ? { conversationProvider: app.conversationProvider } : {}),
    })),
    companies: repos.companies.list(),
    locations: repos.locations.list(),
    users: repos.users.list(),
    // Installs with their payment status (paid apps); empty until something is installed.
    installs: repos.installs.list().map((row) => describeInstall(runtime, row)),
  }
}
