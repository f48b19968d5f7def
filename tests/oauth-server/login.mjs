// Plays the user's browser for specc's probe tests: opens an authorization URL, signs in through
// oidc-provider's development interactions (any login and password are accepted), grants consent,
// and follows redirects until it reaches the client's redirect URI, which it then requests (as a
// browser would), so the probe's loopback listener receives the code. No real browser is needed.
//
//   node login.mjs AUTHORIZATION_URL
const start = process.argv[2];
const issuerOrigin = new URL(start).origin;
const jar = new Map();

const keep = (res) => {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name); else jar.set(name, value);
  }
};
const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

async function go(url, init = {}) {
  const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers || {}), cookie: cookie() } });
  keep(res);
  return res;
}

let url = start;
let init = {};
for (let step = 0; step < 20; step += 1) {
  if (new URL(url).origin !== issuerOrigin) {
    // The redirect URI: deliver the response to the client and stop.
    const res = await fetch(url, { redirect: 'manual' });
    process.stdout.write(`delivered ${res.status}\n`);
    process.exit(0);
  }
  const res = await go(url, init);
  init = {};
  if (res.status >= 300 && res.status < 400) {
    url = new URL(res.headers.get('location'), url).href;
    continue;
  }
  const html = await res.text();
  const form = html.match(/<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/);
  if (!form) {
    process.stderr.write(`login: no form at ${url} (HTTP ${res.status}): ${html.slice(0, 400)}\n`);
    process.exit(1);
  }
  const body = new URLSearchParams();
  for (const input of form[2].matchAll(/<input[^>]*>/g)) {
    const name = input[0].match(/name="([^"]+)"/);
    if (!name) continue;
    const value = input[0].match(/value="([^"]*)"/);
    if (name[1] === 'login') body.set('login', 'probe-user');
    else if (name[1] === 'password') body.set('password', 'probe-password');
    else body.set(name[1], value ? value[1] : '');
  }
  url = new URL(form[1].replace(/&amp;/g, '&'), url).href;
  init = { method: 'POST', body: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
}
process.stderr.write('login: too many steps\n');
process.exit(1);
