// What a migration is; its own module so migration files and the list never import each other.

export interface Migration {
  version: number
  name: string
  sql: string
}
