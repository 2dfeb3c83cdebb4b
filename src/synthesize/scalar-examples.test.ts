// Audit of the fields the spec types `object` but documents with a scalar example (issue #11,
// defect 8): every one is listed here, each accepts its example's scalar and an object, and
// refuses a value wrong for both; through the gateway, the official SDK's `type: "post"` passes.
import { describe, expect, it } from 'vitest'
import { loadSchemas, type SchemaObject, type SchemaTable } from '../generated/index.js'
import { operationTable } from '../spec/operation-table.js'
import { createServer } from '../server.js'
import { apiRequest, mintToken } from '../testing.js'
import { bundleSchema, scalarExampleOfObject } from './schema-bundle.js'
import { createSpecAjv } from './validate-body.js'

/** `<schema key> <property>` of every such field, as the vendored specs have them today. */
const EXPECTED = [
  'associations/GetPostSuccessfulResponseDto firstObjectLabel',
  'associations/GetPostSuccessfulResponseDto firstObjectKey',
  'associations/GetPostSuccessfulResponseDto secondObjectLabel',
  'associations/GetPostSuccessfulResponseDto secondObjectKey',
  'associations/GetPostSuccessfulResponseDto associationType',
  'associations/UpdateAssociationReqDto firstObjectLabel',
  'associations/UpdateAssociationReqDto secondObjectLabel',
  'associations/createAssociationReqDto firstObjectLabel',
  'associations/createAssociationReqDto firstObjectKey',
  'associations/createAssociationReqDto secondObjectLabel',
  'associations/createAssociationReqDto secondObjectKey',
  'calendars/BlockedSlotSuccessfulResponseDto startTime',
  'calendars/BlockedSlotSuccessfulResponseDto endTime',
  'calendars/CalendarEventDTO startTime',
  'calendars/CalendarEventDTO endTime',
  'calendars/CalendarEventDTO dateAdded',
  'calendars/CalendarEventDTO dateUpdated',
  'companies/GetCompanyByIdSchema onboardingInfo',
  'companies/IOnboardingDto metaData',
  'contacts/CreateContactDto dateOfBirth',
  'contacts/MonetoryField field_value',
  'contacts/NumericField field_value',
  'contacts/UpdateContactDto dateOfBirth',
  'contacts/UpsertContactDto dateOfBirth',
  'conversations/SendMessageBodyDto subType',
  'emails/SaveBuilderDataDto dnd',
  'invoices/AutoPaymentInvoiceScheduleResponseDto status',
  'invoices/BusinessDetailsDto address',
  'invoices/CancelInvoiceScheduleResponseDto status',
  'invoices/CreateInvoiceScheduleResponseDto status',
  'invoices/GetScheduleResponseDto status',
  'invoices/ScheduleInvoiceScheduleResponseDto status',
  'invoices/UpdateAndScheduleInvoiceScheduleResponseDto status',
  'invoices/UpdateInvoiceScheduleResponseDto status',
  'objects/ICustomObjectSchema type',
  'opportunities/UpsertOpportunityDto monetaryValue',
  'payments/ConnectCustomProvidersResponseSchema paymentProvider',
  'payments/CreateCustomProvidersResponseSchema paymentProvider',
  'payments/GetCustomProvidersResponseSchema paymentProvider',
  'payments/GetOrderResponseSchema contactSnapshot',
  'payments/GetOrderResponseSchema amountSummary',
  'payments/GetOrderResponseSchema source',
  'payments/GetOrderResponseSchema coupon',
  'payments/GetOrderResponseSchema meta',
  'payments/GetOrderResponseSchema taxCalculationProvider',
  'payments/GetSubscriptionResponseSchema altType',
  'payments/GetSubscriptionResponseSchema contactSnapshot',
  'payments/GetSubscriptionResponseSchema coupon',
  'payments/GetSubscriptionResponseSchema status',
  'payments/GetSubscriptionResponseSchema entitySource',
  'payments/GetSubscriptionResponseSchema subscriptionSnapshot',
  'payments/GetSubscriptionResponseSchema paymentProvider',
  'payments/GetSubscriptionResponseSchema meta',
  'payments/GetSubscriptionResponseSchema schedule',
  'payments/GetSubscriptionResponseSchema autoPayment',
  'payments/GetSubscriptionResponseSchema recurringProduct',
  'payments/GetTxnResponseSchema contactSnapshot',
  'payments/GetTxnResponseSchema status',
  'payments/GetTxnResponseSchema entitySource',
  'payments/GetTxnResponseSchema chargeSnapshot',
  'payments/GetTxnResponseSchema paymentProvider',
  'payments/GetTxnResponseSchema meta',
  'payments/GetTxnResponseSchema qboResponse',
  'payments/OrderResponseSchema sourceMeta',
  'payments/SubscriptionResponseSchema status',
  'payments/SubscriptionResponseSchema entitySourceMeta',
  'payments/SubscriptionResponseSchema subscriptionSnapshot',
  'payments/TxnResponseSchema status',
  'payments/TxnResponseSchema entitySourceMeta',
  'payments/TxnResponseSchema chargeSnapshot',
  'payments/TxnResponseSchema paymentMethod',
  'products/UpdateProductReviewsDto status',
  'social-media-posting/AttachFBAccountDTO type',
  'social-media-posting/CSVPostSchema type',
  'social-media-posting/CreatePostDTO status',
  'social-media-posting/CreatePostDTO type',
  'social-media-posting/CsvResponse status',
  'social-media-posting/FormatedApprovalDetails approvalStatus',
  'social-media-posting/GMBPostSchema actionType',
  'social-media-posting/GetPostFormattedSchema status',
  'social-media-posting/GetPostFormattedSchema type',
  'social-media-posting/PostApprovalSchema approvalStatus',
  'social-media-posting/PostCreateRequest status',
  'social-media-posting/PostCreateRequest type',
  'social-media-posting/SearchPostDTO postType',
  'social-media-posting/SocialGoogleMediaAccountSchema platform',
  'social-media-posting/SocialGoogleMediaAccountSchema type',
  'social-media-posting/SocialMediaFacebookAccountSchema platform',
  'social-media-posting/SocialMediaFacebookAccountSchema type',
  'social-media-posting/SocialMediaInstagramAccountSchema platform',
  'social-media-posting/SocialMediaInstagramAccountSchema type',
  'social-media-posting/SocialMediaLinkedInAccountSchema platform',
  'social-media-posting/SocialMediaLinkedInAccountSchema type',
  'social-media-posting/SocialMediaTiktokAccountSchema platform',
  'social-media-posting/SocialMediaTiktokAccountSchema type',
  'social-media-posting/SocialMediaTwitterAccountSchema platform',
  'social-media-posting/SocialMediaTwitterAccountSchema type',
  'social-media-posting/TiktokPostSchema privacyLevel',
  'social-media-posting/TiktokProfileSchema type',
]

type Found = { schema: string; field: string; example: string | number | boolean }

function audit(table: SchemaTable): Found[] {
  const found: Found[] = []
  function walk(node: unknown, schema: string): void {
    if (node === null || typeof node !== 'object') return
    if (Array.isArray(node)) return node.forEach((each) => walk(each, schema))
    const n = node as Record<string, unknown>
    for (const [field, property] of Object.entries((n.properties ?? {}) as Record<string, SchemaObject>)) {
      if (scalarExampleOfObject(property, table)) found.push({ schema, field, example: property.example as Found['example'] })
      walk(property, `${schema} ${field}`)
    }
    for (const keyword of ['items', 'allOf', 'oneOf', 'anyOf']) walk(n[keyword], schema)
  }
  for (const [key, schema] of Object.entries(table)) walk(schema, key)
  for (const op of operationTable) {
    const body = op.requestBody?.schema
    if (body && body.$ref === undefined) walk(body, `${op.key} (inline body)`)
  }
  return found
}

describe('object-typed fields with a scalar example', () => {
  it('are exactly the audited list', async () => {
    const found = audit(await loadSchemas())
    expect(found.map((f) => `${f.schema} ${f.field}`)).toEqual(EXPECTED)
  })

  it('each accepts its example and refuses a value wrong for both (another scalar type, an array)', async () => {
    const table = await loadSchemas()
    const ajv = createSpecAjv()
    const errorsAt = (validate: ReturnType<typeof ajv.compile>, body: unknown, field: string) => {
      validate(body)
      return (validate.errors ?? []).filter((e) => e.instancePath === `/${field}` || e.instancePath.startsWith(`/${field}/`))
    }
    for (const { schema, field, example } of audit(table)) {
      const validate = ajv.compile(bundleSchema({ $ref: schema }, table))
      expect(errorsAt(validate, { [field]: example }, field), `${schema}.${field} = ${JSON.stringify(example)}`).toEqual([])
      const wrong = typeof example === 'boolean' || typeof example === 'number' ? 'not-a-scalar-of-that-type' : 12345
      expect(errorsAt(validate, { [field]: wrong }, field).length, `${schema}.${field} = ${wrong}`).toBeGreaterThan(0)
      expect(errorsAt(validate, { [field]: [example] }, field).length, `${schema}.${field} = [${JSON.stringify(example)}]`).toBeGreaterThan(0)
    }
  })

  it('through the gateway: create-post takes the SDK\'s `type: "post"` and still refuses `type: 42`', async () => {
    const mock = await createServer({ world: 'small', clock: 'manual', listen: false, logLevel: 'silent' })
    try {
      const locationId = mock.world().locations[0]!.id
      const token = await mintToken(mock, { locationId, scopes: ['socialplanner/post.write'] })
      const post = (body: Record<string, unknown>) =>
        apiRequest(mock, 'POST', `/social-media-posting/${locationId}/posts`, { token, body: { accountIds: ['acc1'], userId: 'user1', ...body } })
      const ok = await post({ type: 'post', status: 'draft' })
      expect(ok.status, await ok.clone().text()).toBeLessThan(300)
      const bad = await post({ type: 42 })
      expect(bad.status).toBe(422)
      expect(((await bad.json()) as { message: string[] }).message.join(' ')).toMatch(/type/)
    } finally {
      await mock.close()
    }
  })
})
