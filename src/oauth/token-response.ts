import { ConnectorError } from '../errors/connector-error.ts';
import type { CapabilityResult, ResponseOf } from '../integration/types.ts';
import { addLogSecrets } from '../logging/logger.ts';
import type { TokenAnswer } from './token-request.ts';
import { _arctic } from './arctic.ts';

/** What the token-issuing capabilities return. */
export type TokenResult = CapabilityResult<ResponseOf<'refresh_access_token'>>;

/**
 * Turns a token endpoint's answer into `OauthCredentials` (reference §5.3): `token_type` is
 * lower-cased and defaults to `bearer`; the whole answer goes in `raw_data` when asked for.
 */
export async function _tokenResult(answer: TokenAnswer, includeRawData: boolean): Promise<TokenResult> {
  const { OAuth2Tokens } = await _arctic();
  const tokens = new OAuth2Tokens(answer.data);
  let accessToken: string;
  try {
    accessToken = tokens.accessToken();
  } catch {
    const keys = Object.keys(answer.data).join(', ') || 'none';
    throw new ConnectorError(`[${answer.status}][${answer.url}] OAuth request failed: the answer has no access_token (its keys: ${keys}).`, 'api_error', {
      statusCode: answer.status,
    });
  }
  const refreshToken = tokens.hasRefreshToken() ? tokens.refreshToken() : undefined;
  const idToken = typeof answer.data['id_token'] === 'string' ? answer.data['id_token'] : undefined;
  addLogSecrets([accessToken, refreshToken, idToken].filter((value): value is string => value !== undefined));

  let tokenType = 'bearer';
  try {
    tokenType = tokens.tokenType().toLowerCase();
  } catch {
    // No token_type: bearer, as in the reference.
  }
  if (tokenType !== 'bearer') {
    throw new ConnectorError(
      `[${answer.status}][${answer.url}] The token endpoint issued a '${tokenType}' token; Lumos accepts bearer tokens only.`,
      'unexpected_error',
    );
  }
  const state = answer.data['state'];
  return {
    response: {
      access_token: accessToken,
      token_type: 'bearer',
      ...(refreshToken !== undefined ? { refresh_token: refreshToken } : {}),
      ...(typeof state === 'string' ? { state } : {}),
    },
    raw_data: includeRawData ? answer.data : null,
  };
}
