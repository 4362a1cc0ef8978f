import type { CapabilityArgs, CapabilityContext, PayloadOf } from '../integration/types.ts';
import { _resolveUrl } from './resolve-url.ts';
import { _selectSettings, type OAuthSource } from './select-settings.ts';
import { _sendTokenRequest } from './token-request.ts';
import { _tokenResult, type TokenResult } from './token-response.ts';

/** `refresh_access_token` (reference §5.3): exchanges a refresh token for a new access token. */
export async function _refreshAccessToken(
  source: OAuthSource,
  args: CapabilityArgs<PayloadOf<'refresh_access_token'>, unknown>,
  context: CapabilityContext,
): Promise<TokenResult> {
  const { request } = args;
  const settings = _selectSettings(source, request.credential_id);
  const answer = await _sendTokenRequest({
    settings,
    tokenUrl: _resolveUrl(settings.tokenUrl, args, 'token'),
    params: { grant_type: 'refresh_token', refresh_token: request.refresh_token },
    clientId: request.client_id,
    clientSecret: request.client_secret,
    secrets: [request.refresh_token],
    log: context.log,
  });
  return _tokenResult(answer, args.include_raw_data);
}
