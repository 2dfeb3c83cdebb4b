// The HTML shell of ghl-mock's browser pages (consent, errors, billing wait): escaping, the page
// layout and its stylesheet. No framework and no script: every page works with JS turned off.

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)
}

/** A template tag that escapes every interpolated value unless it is already `Html`. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value
  }
}

type Part = string | number | Html | null | undefined | false | readonly Part[]

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return ''
  if (part instanceof Html) return part.value
  if (Array.isArray(part)) return part.map(render).join('')
  return escapeHtml(String(part))
}

/**
 * @example
 * html`<p>${userInput}</p>` // userInput is escaped
 */
export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0] ?? ''
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '')
  })
  return new Html(out)
}

/** Security headers of every page: no framing (clickjacking on a consent page), no scripts, no caching. */
export const pageHeaders = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'",
  'X-Frame-Options': 'DENY',
  // same-origin: the consent form's POST carries its true Origin (no-referrer would make it `null`),
  // while the redirect to the app's redirect_uri still sends no Referer.
  'Referrer-Policy': 'same-origin',
} as const

/** A deterministic, pleasant colour for an avatar, from any id. */
export function avatarColor(seed: string): string {
  const palette = ['#155eef', '#7a5af8', '#0e9384', '#dd2590', '#e04f16', '#2e90fa', '#6172f3', '#099250']
  let hash = 0
  for (const ch of seed) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0
  return palette[hash % palette.length]!
}

/** Up to two initials of a name ("Demo CRM Sync" → "DC"). */
export function initials(name: string): string {
  const words = name.split(/\s+/).filter((w) => /[A-Za-z0-9]/.test(w))
  return words.slice(0, 2).map((w) => w[0]!.toUpperCase()).join('') || '?'
}

export function layout(input: { title: string; signedInAs?: string | null; body: Html }): string {
  return `<!doctype html>${html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${input.title}</title>
<style>${new Html(styles)}</style>
</head>
<body>
<header class="topbar">
  <div class="brand"><span class="brand-mark" aria-hidden="true"></span><span>ghl-mock</span><span class="brand-sub">Marketplace</span></div>
  ${input.signedInAs ? html`<div class="account" aria-label="Signed in account"><span class="dot" aria-hidden="true"></span>${input.signedInAs}</div>` : ''}
</header>
<main>
${input.body}
<p class="footnote">ghl-mock is a local emulator of the HighLevel developer platform. Nothing here touches a real account.</p>
</main>
</body>
</html>`.value}`
}

const styles = `
:root{--bg:#f2f4f7;--card:#fff;--text:#101828;--muted:#667085;--border:#e4e7ec;--primary:#155eef;--primary-dark:#004eeb;
--soft:#eff4ff;--ok:#079455;--warn-bg:#fffaeb;--warn-border:#fedf89;--warn:#93370d;--err-bg:#fef3f2;--err-border:#fecdca;--err:#b42318}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:15px/1.5 ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;background:var(--bg);color:var(--text)}
.topbar{display:flex;align-items:center;justify-content:space-between;padding:12px 24px;background:#fff;border-bottom:1px solid var(--border)}
.brand{display:flex;align-items:center;gap:10px;font-weight:700;font-size:16px}
.brand-mark{width:28px;height:28px;border-radius:8px;background:linear-gradient(135deg,#155eef 0%,#7a5af8 60%,#ee46bc 100%);box-shadow:inset 0 0 0 6px rgba(255,255,255,.18)}
.brand-sub{font-weight:500;color:var(--muted);border-left:1px solid var(--border);padding-left:10px}
.account{display:flex;align-items:center;gap:8px;color:var(--muted);font-size:14px}
.account .dot{width:8px;height:8px;border-radius:50%;background:var(--ok)}
main{max-width:580px;margin:40px auto 48px;padding:0 16px}
.card{background:var(--card);border:1px solid var(--border);border-radius:16px;box-shadow:0 12px 32px -8px rgba(16,24,40,.12),0 4px 8px -4px rgba(16,24,40,.05);overflow:hidden}
.card-head{padding:32px 32px 24px;text-align:center}
.avatars{display:flex;align-items:center;justify-content:center;gap:14px;margin-bottom:18px}
.avatar{width:56px;height:56px;border-radius:14px;display:grid;place-items:center;color:#fff;font-weight:700;font-size:20px;letter-spacing:.02em}
.avatar.round{border-radius:50%}
.link{display:flex;gap:5px}
.link span{width:6px;height:6px;border-radius:50%;background:#d0d5dd}
h1{font-size:21px;line-height:1.35;margin:0 0 6px}
.sub{color:var(--muted);margin:0}
.client{display:inline-block;margin-top:10px;font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:var(--muted);background:#f9fafb;border:1px solid var(--border);border-radius:6px;padding:2px 8px;word-break:break-all}
section{padding:22px 32px;border-top:1px solid var(--border)}
fieldset{border:0;margin:0;padding:0;min-width:0}
.section-title{font-size:12px;font-weight:600;text-transform:uppercase;letter-spacing:.07em;color:var(--muted);margin:0 0 12px;padding:0}
.group-title{font-size:13px;font-weight:600;margin:16px 0 8px;color:#344054}
fieldset>.group-title:first-of-type{margin-top:0}
.option{display:flex;gap:12px;align-items:center;padding:12px 14px;border:1px solid var(--border);border-radius:12px;margin-bottom:8px;cursor:pointer;transition:border-color .15s,background .15s}
.option:hover{border-color:#b2ccff;background:#f8faff}
.option:has(input:checked){border-color:var(--primary);background:var(--soft);box-shadow:0 0 0 1px var(--primary)}
.option .mini{width:36px;height:36px;border-radius:10px;flex:none;display:grid;place-items:center;color:#fff;font-weight:700;font-size:13px}
.option-text{display:flex;flex-direction:column;min-width:0}
.option-name{font-weight:600}
.option-meta{color:var(--muted);font-size:13px}
.badge{display:inline-block;margin-left:6px;font-size:11px;font-weight:600;color:var(--primary);background:var(--soft);border-radius:999px;padding:1px 8px;vertical-align:1px}
.sublist{margin:8px 0 0;padding:0;list-style:none;display:grid;gap:6px}
.sublist label{display:flex;gap:8px;align-items:center;font-size:14px;cursor:pointer}
input[type=radio],input[type=checkbox]{accent-color:var(--primary);width:18px;height:18px;margin:0;flex:none}
:focus-visible{outline:3px solid rgba(21,94,239,.5);outline-offset:2px}
.scopes{list-style:none;margin:0;padding:0}
.scopes li{display:flex;gap:10px;padding:7px 0;align-items:flex-start}
.scopes li+li{border-top:1px dashed #eaecf0}
.tick{flex:none;width:20px;height:20px;border-radius:50%;background:#dcfae6;color:var(--ok);display:grid;place-items:center;font-size:12px;font-weight:700;margin-top:1px}
.scope-codes{display:block;font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:var(--muted)}
details{margin-top:6px}
summary{cursor:pointer;color:var(--primary);font-weight:600;font-size:14px;padding:6px 0}
.notice{background:var(--warn-bg);border:1px solid var(--warn-border);color:var(--warn);border-radius:12px;padding:12px 14px;font-size:14px}
.alert{background:var(--err-bg);border:1px solid var(--err-border);color:var(--err);border-radius:12px;padding:12px 14px;font-size:14px;margin:0 32px 4px}
.actions{padding:22px 32px 28px;display:grid;gap:10px;border-top:1px solid var(--border)}
button,.button{font:inherit;font-weight:600;border-radius:10px;padding:12px 16px;cursor:pointer;border:1px solid transparent;text-align:center;text-decoration:none}
.primary{background:var(--primary);color:#fff;box-shadow:0 1px 2px rgba(16,24,40,.08)}
.primary:hover{background:var(--primary-dark)}
.secondary{background:#fff;border-color:#d0d5dd;color:#344054}
.secondary:hover{background:#f9fafb}
.fine{color:var(--muted);font-size:13px;text-align:center;margin:0}
.fine strong{color:#344054;font-weight:600;word-break:break-all}
.status-icon{width:56px;height:56px;border-radius:50%;display:grid;place-items:center;margin:0 auto 16px;font-size:26px;font-weight:700}
.status-icon.error{background:var(--err-bg);color:var(--err)}
.status-icon.wait{background:var(--soft);color:var(--primary)}
.facts{margin:0;display:grid;grid-template-columns:max-content 1fr;gap:6px 14px;font-size:14px}
.facts dt{color:var(--muted)}
.facts dd{margin:0;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px;word-break:break-all}
.status-list{grid-template-columns:1fr max-content;align-items:center;row-gap:12px}
.status-list dt{color:var(--text);font-weight:600}
.status-list dd{font-family:inherit}
.pill{display:inline-block;border-radius:999px;padding:2px 10px;font-size:12px;font-weight:600}
.pill.paid{background:#dcfae6;color:var(--ok)}
.pill.awaiting_payment{background:var(--soft);color:var(--primary)}
.pill.payment_failed{background:var(--err-bg);color:var(--err)}
.footnote{color:var(--muted);font-size:12px;text-align:center;margin-top:20px}
@media (max-width:520px){.card-head,section,.actions{padding-left:20px;padding-right:20px}.alert{margin:0 20px 4px}main{margin-top:20px}}
`
