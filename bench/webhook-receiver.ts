// The bench's receiving app, in its own process (so it has its own core): verifies both signature
// headers of every webhook against the instance's public keys and reports each receipt over IPC.
import { createPublicKey, createVerify, verify } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { performance } from 'node:perf_hooks'

const rsaKey = createPublicKey(process.env.RSA_PUBLIC_PEM!)
const edKey = createPublicKey(process.env.ED25519_PUBLIC_PEM!)
const send = (message: unknown) => process.send!(message)

const server = createServer((req, res) => {
  const chunks: Buffer[] = []
  req.on('data', (chunk: Buffer) => chunks.push(chunk))
  req.on('end', () => {
    const body = Buffer.concat(chunks)
    const rsa = req.headers['x-wh-signature']
    const ed = req.headers['x-ghl-signature']
    const rsaOk = typeof rsa !== 'string' || createVerify('sha256').update(body).verify(rsaKey, rsa, 'base64')
    const edOk = typeof ed === 'string' && verify(null, body, edKey, Buffer.from(ed, 'base64'))
    res.writeHead(rsaOk && edOk ? 200 : 401).end()
    const payload = JSON.parse(body.toString('utf8')) as { seq?: number; type: string; id?: string }
    // Wall time in ms (timeOrigin + now) so the parent can compare it with its own write times.
    const at = performance.timeOrigin + performance.now()
    if (payload.seq === undefined) send({ id: payload.id, at, verified: rsaOk && edOk }) // an API-written contact
    else send({ seq: payload.seq, at, verified: rsaOk && edOk })
  })
})
server.keepAliveTimeout = 60_000
server.listen(0, '127.0.0.1', () => send({ port: (server.address() as AddressInfo).port }))
process.on('disconnect', () => process.exit(0))
