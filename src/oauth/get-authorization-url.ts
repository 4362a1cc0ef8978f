import type { CapabilityArgs, CapabilityResult, PayloadOf, ResponseOf } from '../integration/types.ts';
import { _resolveUrl } from './resolve-url.ts';
import { _scopeList, _settingsScopes } from './scopes.ts';
import { _selectSettings, type OAuthSource } from './select-settings.ts';
import { _arctic } from './arctic.ts';

/**
 * `get_authorization_url` (reference §5.2): the URL to send a person to, with `client_id`,
 * `response_type=code`, `redirect_uri`, `state`, `scope` and, with PKCE, an S256 challenge whose
 * verifier is returned for Lumos to keep and send back to the callback. Nothing is stored here.
 */
export async function _getAuthorizationUrl(
  source: OAuthSource,
  args: CapabilityArgs<PayloadOf<'get_authorization_url'>, unknown>,
): Promise<CapabilityResult<ResponseOf<'get_authorization_url'>>> {
  const { request } = args;
  const settings = _selectSettings(source, request.credential_id);
  const endpoint = _resolveUrl(settings.authorizationUrl, args, 'authorization');
  const scopes = _scopeList(request.scopes, _settingsScopes(settings, args));
  const { CodeChallengeMethod, OAuth2Client, generateCodeVerifier } = await _arctic();
  const client = new OAuth2Client(request.client_id, null, request.redirect_uri);
  if (!settings.pkce) {
    return { response: { authorization_url: client.createAuthorizationURL(endpoint.href, request.state, scopes).href, code_verifier: null } };
  }
  const codeVerifier = generateCodeVerifier();
  const url = client.createAuthorizationURLWithPKCE(endpoint.href, request.state, CodeChallengeMethod.S256, codeVerifier, scopes);
  return { response: { authorization_url: url.href, code_verifier: codeVerifier } };
}
