// In-memory instances start from a cached, already seeded database image: seeding once per
// process and copying the bytes makes a test instance start in about a millisecond instead of
// re-running migrations and faker for every test.
import { openDatabase, type Db } from '../storage/db.js'
import { createRepos } from '../storage/repos.js'
import type { SeedOptions } from '../fixtures/seed.js'

const DAY = 86_400_000
const images = new Map<string, Buffer>()

/** A fresh in-memory database holding the world these options seed (same bytes as seeding it). */
export async function openSeededMemoryDatabase(options: SeedOptions): Promise<Db> {
  // Seeding reads the anchor only to the day, so instances seeded the same day share an image.
  const key = JSON.stringify([options.seed, options.webhookUrl ?? null, Math.floor(options.anchorMs / DAY), options.fixtures])
  let image = images.get(key)
  if (!image) {
    const { seedWorld } = await import('../fixtures/seed.js')
    const template = openDatabase(':memory:')
    seedWorld(createRepos(template), options)
    image = template.serialize()
    template.close()
    images.set(key, image)
  }
  return openDatabase(image)
}
