// The dashboard's page shell: inline CSS, the side navigation, the clock bar, and small view
// helpers. Built on hono/html, whose template tag escapes every interpolated value.
import { html, raw } from 'hono/html'
import type { HtmlEscapedString } from 'hono/utils/html'
import type { Runtime } from '../../runtime.js'

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>

const css = `
:root{--bg:#f5f7fb;--card:#fff;--ink:#0f172a;--muted:#64748b;--line:#e2e8f0;--brand:#2563eb;--brand-soft:#e0ecff;
--ok:#15803d;--ok-soft:#dcfce7;--warn:#b45309;--warn-soft:#fef3c7;--bad:#b91c1c;--bad-soft:#fee2e2;--side:#0f172a}
*{box-sizing:border-box}body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
a{color:var(--brand);text-decoration:none}a:hover{text-decoration:underline}
.shell{display:grid;grid-template-columns:230px 1fr;min-height:100vh;background:linear-gradient(to right,var(--side) 230px,transparent 230px)}
aside{background:var(--side);color:#cbd5e1;padding:20px 14px;position:sticky;top:0;height:100vh;overflow:auto}
aside .logo{display:flex;align-items:center;gap:10px;color:#fff;font-weight:700;font-size:16px;margin:0 6px 22px}
aside .logo span{display:inline-grid;place-items:center;width:30px;height:30px;border-radius:8px;background:var(--brand);font-size:13px}
aside nav a{display:block;color:#cbd5e1;padding:7px 10px;border-radius:7px;margin:1px 0}
aside nav a:hover{background:#1e293b;text-decoration:none;color:#fff}aside nav a.on{background:#1e3a8a;color:#fff}
aside h4{font-size:11px;text-transform:uppercase;letter-spacing:.08em;color:#64748b;margin:18px 10px 6px}
main{padding:22px 30px 40px;min-width:0}
.top{display:flex;justify-content:space-between;align-items:center;gap:16px;margin-bottom:18px;flex-wrap:wrap}
h1{font-size:22px;margin:0}h2{font-size:15px;margin:0 0 12px}.sub{color:var(--muted);margin-top:2px}
.clock{display:flex;align-items:center;gap:8px;background:var(--card);border:1px solid var(--line);border-radius:10px;padding:6px 8px 6px 12px}
.clock time{font-variant-numeric:tabular-nums;font-weight:600}
button,.btn{font:inherit;border:1px solid var(--line);background:#fff;color:var(--ink);border-radius:7px;padding:4px 10px;cursor:pointer}
button:hover,.btn:hover{border-color:var(--brand);color:var(--brand);text-decoration:none}
button.primary{background:var(--brand);border-color:var(--brand);color:#fff}button.primary:hover{background:#1d4ed8;color:#fff}
.grid{display:grid;gap:16px;grid-template-columns:repeat(auto-fit,minmax(320px,1fr))}
.card{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:16px 18px;margin-bottom:16px;min-width:0;overflow-x:auto}
.when{white-space:nowrap}
.stats{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;margin-bottom:16px}
.stat{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:12px 16px}.stat b{display:block;font-size:22px}
.stat span{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.05em}
table{width:100%;border-collapse:collapse}th{font-size:11px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);text-align:left;font-weight:600}
th,td{padding:8px 8px;border-bottom:1px solid var(--line);vertical-align:top}tr:last-child td{border-bottom:0}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.mono{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:12px}.muted{color:var(--muted)}
.badge{display:inline-block;padding:1px 8px;border-radius:999px;font-size:12px;background:#f1f5f9;color:#334155;white-space:nowrap}
.badge.ok{background:var(--ok-soft);color:var(--ok)}.badge.warn{background:var(--warn-soft);color:var(--warn)}
.badge.bad{background:var(--bad-soft);color:var(--bad)}.badge.info{background:var(--brand-soft);color:var(--brand)}
.tabs{display:flex;gap:4px;border-bottom:1px solid var(--line);margin-bottom:16px}
.tabs a{padding:8px 14px;color:var(--muted);border-bottom:2px solid transparent}.tabs a.on{color:var(--ink);border-color:var(--brand);font-weight:600}
.tabs a:hover{text-decoration:none;color:var(--ink)}
form.inline{display:inline}.filters{display:flex;gap:8px;flex-wrap:wrap;margin-bottom:14px;align-items:center}
input,select{font:inherit;padding:6px 10px;border:1px solid var(--line);border-radius:7px;background:#fff;min-width:0}
input[type=search]{width:280px}
.board{display:flex;gap:12px;overflow-x:auto;padding-bottom:8px}
.col{flex:0 0 250px;background:#eef2f7;border-radius:12px;padding:10px}
.col header{display:flex;justify-content:space-between;font-weight:600;margin:2px 4px 8px}.col header small{color:var(--muted);font-weight:400}
.opp{background:#fff;border:1px solid var(--line);border-radius:9px;padding:9px 11px;margin-bottom:8px}
.opp b{display:block;font-weight:600;margin-bottom:2px}.opp .row{display:flex;justify-content:space-between;align-items:center;gap:6px}
.meter{height:8px;background:#e2e8f0;border-radius:99px;overflow:hidden;min-width:120px}.meter i{display:block;height:100%;background:var(--brand)}
.meter.hot i{background:var(--bad)}.thread{max-width:860px;display:flex;flex-direction:column}
.msg{max-width:75%;align-self:flex-start;padding:8px 12px;border-radius:12px;margin:6px 0;background:#f1f5f9}
.msg.outbound{align-self:flex-end;background:var(--brand);color:#fff}.msg small{display:block;opacity:.7;font-size:11px}
details summary{cursor:pointer;color:var(--brand)}pre{background:#0f172a;color:#e2e8f0;padding:10px;border-radius:8px;overflow:auto;max-height:260px;font-size:12px}
.empty{color:var(--muted);padding:18px;text-align:center}
.login{max-width:380px;margin:12vh auto;background:#fff;border:1px solid var(--line);border-radius:14px;padding:28px}
.login input{width:100%;margin:8px 0 14px}.err{color:var(--bad);margin-bottom:10px}
.chips{display:flex;gap:4px;flex-wrap:wrap}
`

const sections: Array<[string, string]> = [
  ['/_mock/ui', 'Overview'],
  ['/_mock/ui/webhooks', 'Webhook deliveries'],
  ['/_mock/ui/requests', 'Request journal'],
  ['/_mock/ui/limits', 'Rate limits'],
  ['/_mock/ui/billing', 'Billing events'],
]

export interface PageInput {
  title: string
  subtitle?: string | Html
  /** The path this page lives at (for the nav highlight and the clock form's return). */
  path: string
  body: Html
}

/** A whole page: navigation (sections and sub-accounts), the title bar with the clock, the body. */
export function page(runtime: Runtime, input: PageInput): Html {
  const now = runtime.clock.now()
  const locations = runtime.repos.locations.list()
  const link = (href: string, label: string) =>
    html`<a href="${href}" class="${input.path === href || (href !== '/_mock/ui' && input.path.startsWith(`${href}/`)) ? 'on' : ''}">${label}</a>`
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${input.title} · ghl-mock</title><style>${raw(css)}</style></head>
<body><div class="shell">
<aside><div class="logo"><span>GHL</span>ghl-mock</div>
<nav>${sections.map(([href, label]) => link(href, label))}
<h4>Sub-accounts</h4>${locations.map((l) => link(`/_mock/ui/locations/${encodeURIComponent(l.id)}`, l.name))}</nav></aside>
<main><div class="top"><div><h1>${input.title}</h1>${input.subtitle ? html`<div class="sub">${input.subtitle}</div>` : ''}</div>
<form class="clock" method="post" action="/_mock/ui/clock"><span class="muted">Mock time</span>
<time datetime="${new Date(now).toISOString()}">${formatTime(now)}</time>
<input type="hidden" name="back" value="${input.path}">
<button name="ms" value="600000">+10 min</button><button name="ms" value="3600000">+1 h</button><button name="ms" value="86400000">+1 day</button>
</form></div>
${input.body}</main></div></body></html>`
}

/** `Dec 2, 2026, 14:05 UTC`: one readable, unambiguous form everywhere. */
export function formatTime(value: number | string | null | undefined, timeZone = 'UTC'): string {
  if (value === null || value === undefined || value === '') return '—'
  const ms = typeof value === 'number' ? value : Date.parse(value)
  if (!Number.isFinite(ms)) return String(value)
  return new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone, timeZoneName: 'short' }).format(ms)
}

export function money(amount: unknown, currency = "USD"): string {
  const value = typeof amount === "number" ? amount : 0
  return new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 }).format(value)
}

const tones: Record<string, string> = {
  delivered: 'ok', installed: 'ok', won: 'ok', confirmed: 'ok', COMPLETED: 'ok', paid: 'ok', active: 'ok',
  pending: 'warn', sending: 'warn', open: 'info', new: 'info', awaiting_payment: 'warn',
  failed: 'bad', lost: 'bad', uninstalled: 'bad', FAILED: 'bad', revoked: 'bad', payment_failed: 'bad', cancelled: 'bad',
}

export function badge(text: string | number | null | undefined, tone?: string): Html {
  const label = text === null || text === undefined ? '—' : String(text)
  const cls = tone ?? (typeof text === 'number' ? (text < 300 ? 'ok' : text < 500 ? 'warn' : 'bad') : tones[label] ?? '')
  return html`<span class="badge ${cls}">${label}</span>`
}

export function card(title: string | Html, body: Html): Html {
  return html`<section class="card"><h2>${title}</h2>${body}</section>`
}

export function empty(text: string): Html {
  return html`<div class="empty">${text}</div>`
}

export const locationHref = (locationId: string, tab = '') =>
  `/_mock/ui/locations/${encodeURIComponent(locationId)}${tab ? `/${tab}` : ''}`

export const contactHref = (locationId: string, contactId: string) =>
  `${locationHref(locationId, 'contacts')}/${encodeURIComponent(contactId)}`

export const conversationHref = (locationId: string, conversationId: string) =>
  `${locationHref(locationId, 'conversations')}/${encodeURIComponent(conversationId)}`

export const fullName = (contact: Record<string, unknown> | undefined): string =>
  contact ? [contact.firstName, contact.lastName].filter((p) => typeof p === 'string' && p !== '').join(' ') || String(contact.email ?? contact.id) : 'Unknown contact'
