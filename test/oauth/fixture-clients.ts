/** The clients the authorization server fixture registers; the secrets are fixtures, not real credentials. */
export const fixtureClients = {
  post: { client_id: 'lumos-post', client_secret: 'post-secret-0123456789abcdef' },
  basic: { client_id: 'lumos-basic', client_secret: 'basic-secret-0123456789abcdef' },
  /** An id and a secret with the characters HTTP Basic must form-encode (RFC 6749 §2.3.1): `+ / = % :` and a space. */
  special: { client_id: 'lumos special:client', client_secret: 'Sp+ec/ial=sec%ret:0123 456789' },
} as const;

/** The redirect URI registered for both clients. Nothing listens there: the tests read the redirect. */
export const fixtureRedirectUri = 'https://lumos.example/oauth/callback';
