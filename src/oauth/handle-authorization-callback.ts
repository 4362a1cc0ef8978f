import { ConnectorError } from '../errors/connector-error.ts';
import type { CapabilityArgs, CapabilityContext, PayloadOf } from '../integration/types.ts';
import { _resolveUrl } from './resolve-url.ts';
import { _selectSettings, type OAuthSource } from './select-settings.ts';
import { _sendTokenRequest } from './token-request.ts';
import { _tokenResult, type TokenResult } from './token-response.ts';

/**
 * `handle_authorization_callback` (reference §5.3): exchanges the `code` of the redirect Lumos
 * received for tokens. The redirect URI sent with it is the callback URL without query or fragment.
 */
export async function _handleAuthorizationCallback(
  source: OAuthSource,
  args: CapabilityArgs<PayloadOf<'handle_authorization_callback'>, unknown>,
  context: CapabilityContext,
): Promise<TokenResult> {
  const { request } = args;
  const settings = _selectSettings(source, request.credential_id);
  const { code, redirectUri } = _readRedirect(request.redirect_uri_with_code);
  const params: Record<string, string> = { grant_type: 'authorization_code', code, redirect_uri: redirectUri };
  if (request.code_verifier) params['code_verifier'] = request.code_verifier;
  const answer = await _sendTokenRequest({
    settings,
    tokenUrl: _resolveUrl(settings.tokenUrl, args, 'token'),
    params,
    clientId: request.client_id,
    clientSecret: request.client_secret,
    secrets: [code, request.code_verifier ?? ''],
    log: context.log,
  });
  return _tokenResult(answer, args.include_raw_data);
}

/** The `code` of a redirect and the redirect URI it was sent to (scheme, host and path only). */
export function _readRedirect(redirectUriWithCode: string): { code: string; redirectUri: string } {
  let url: URL;
  try {
    url = new URL(redirectUriWithCode);
  } catch {
    throw new ConnectorError('redirect_uri_with_code is not an absolute URL: send the full URL the authorization server redirected to.', 'bad_request');
  }
  // Not url.origin: that is 'null' for the custom schemes of native apps.
  const redirectUri = `${url.protocol}//${url.host}${url.pathname}`;
  const code = url.searchParams.get('code');
  if (code) return { code, redirectUri };
  const error = url.searchParams.get('error');
  if (error) {
    const description = url.searchParams.get('error_description');
    throw new ConnectorError(
      `The authorization server redirected to ${redirectUri} with error '${error}'${description ? `: ${description}` : ''} instead of a code.`,
      'bad_request',
    );
  }
  throw new ConnectorError(`redirect_uri_with_code has no 'code' query parameter (redirect URI ${redirectUri}).`, 'bad_request');
}
