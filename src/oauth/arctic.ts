/**
 * The one place arctic (pinned at 3.7.0, its last release) is loaded, on first use. Its files are
 * imported directly rather than through its index, which also loads its ~60 provider modules:
 * about 7 ms instead of 20 on each OAuth call. Replacing arctic means changing this file.
 */
export async function _arctic() {
  const [client, oauth2, request] = await Promise.all([import('arctic/dist/client.js'), import('arctic/dist/oauth2.js'), import('arctic/dist/request.js')]);
  return {
    OAuth2Client: client.OAuth2Client,
    CodeChallengeMethod: client.CodeChallengeMethod,
    OAuth2Tokens: oauth2.OAuth2Tokens,
    generateCodeVerifier: oauth2.generateCodeVerifier,
    OAuth2RequestError: request.OAuth2RequestError,
    ArcticFetchError: request.ArcticFetchError,
  };
}
