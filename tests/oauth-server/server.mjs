// The authorization server specc's probe tests run against: panva's oidc-provider (OpenID Certified)
// on 127.0.0.1, on a port the system picks. Prints one JSON line `{"issuer": ...}` when it listens.
//
//   node server.mjs [--auth-methods client_secret_basic,none] [--secret-file PATH]
//
// The clients below are registered as native applications, so any loopback port of their
// `http://127.0.0.1/callback` redirect URI matches (RFC 8252 §7.3), as oidc-provider implements it.
import http from 'node:http';
import fs from 'node:fs';
import Provider from 'oidc-provider';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const authMethods = (opt('--auth-methods') || 'client_secret_basic,client_secret_post,none').split(',');
const secretFile = opt('--secret-file');
const secret = secretFile ? fs.readFileSync(secretFile, 'utf8').trim() : 'probe-test-secret-not-for-production';

const common = {
  client_secret: secret,
  application_type: 'native',
  redirect_uris: ['http://127.0.0.1/callback'],
  response_types: ['code'],
  grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
  scope: 'openid offline_access profile email api.read api.write',
};

const clients = [
  { ...common, client_id: 'probe-client', token_endpoint_auth_method: 'client_secret_basic' },
  { ...common, client_id: 'probe-post', token_endpoint_auth_method: 'client_secret_post' },
  { ...common, client_id: 'probe-pkce' },
  { ...common, client_id: 'probe-code-only', grant_types: ['authorization_code'] },
].map((c) => (authMethods.includes(c.token_endpoint_auth_method || 'client_secret_basic')
  ? c
  : { ...c, token_endpoint_auth_method: authMethods.find((m) => m.startsWith('client_secret')) || 'client_secret_basic' }));

const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients,
    clientAuthMethods: authMethods,
    scopes: ['openid', 'offline_access', 'profile', 'email', 'api.read', 'api.write'],
    features: {
      devInteractions: { enabled: true },
      clientCredentials: { enabled: true },
      introspection: { enabled: false },
      revocation: { enabled: true },
    },
    pkce: { required: (ctx, client) => client.clientId === 'probe-pkce' },
    cookies: { keys: ['specc-probe-test-cookie-key'] },
    ttl: {
      AccessToken: 3600, AuthorizationCode: 60, ClientCredentials: 600, Grant: 3600,
      IdToken: 3600, Interaction: 600, RefreshToken: 86400, Session: 3600,
    },
    findAccount: async (ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
  });
  provider.on('server_error', (ctx, err) => process.stderr.write(`server_error: ${err.stack}\n`));
  server.on('request', provider.callback());
  process.stdout.write(`${JSON.stringify({ issuer, port })}\n`);
});

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// The test that started us closes our stdin when it is done (or dies): stop then too.
process.stdin.on('end', stop);
process.stdin.resume();
