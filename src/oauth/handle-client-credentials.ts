import type { CapabilityArgs, CapabilityContext, PayloadOf } from '../integration/types.ts';
import { _resolveUrl } from './resolve-url.ts';
import { _scopeList, _settingsScopes } from './scopes.ts';
import { _selectSettings, type OAuthSource } from './select-settings.ts';
import { _sendTokenRequest } from './token-request.ts';
import { _tokenResult, type TokenResult } from './token-response.ts';

/** `handle_client_credentials_request` (reference §5.3): exchanges the client id and secret for a token. */
export async function _handleClientCredentials(
  source: OAuthSource,
  args: CapabilityArgs<PayloadOf<'handle_client_credentials_request'>, unknown>,
  context: CapabilityContext,
): Promise<TokenResult> {
  const { request } = args;
  const settings = _selectSettings(source, request.credential_id);
  const params: Record<string, string> = { grant_type: 'client_credentials' };
  const scopes = _scopeList(request.scopes, _settingsScopes(settings, args));
  if (scopes.length > 0) params['scope'] = scopes.join(' ');
  const answer = await _sendTokenRequest({
    settings,
    tokenUrl: _resolveUrl(settings.tokenUrl, args, 'token'),
    params,
    clientId: request.client_id,
    clientSecret: request.client_secret,
    secrets: [],
    log: context.log,
  });
  return _tokenResult(answer, args.include_raw_data);
}
