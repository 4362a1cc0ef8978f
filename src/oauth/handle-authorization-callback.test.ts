import { describe, expect, test } from 'bun:test';
import { ConnectorError } from '../errors/connector-error.ts';
import { _readRedirect } from './handle-authorization-callback.ts';

describe('_readRedirect', () => {
  test('takes the code and drops query and fragment from the redirect URI', () => {
    expect(_readRedirect('https://lumos.example/oauth/callback?state=s&code=abc%2Bdef&iss=x#frag')).toEqual({
      code: 'abc+def',
      redirectUri: 'https://lumos.example/oauth/callback',
    });
  });

  test('keeps a port and a path', () => {
    expect(_readRedirect('http://127.0.0.1:8080/a/b/?code=1').redirectUri).toBe('http://127.0.0.1:8080/a/b/');
  });

  test('keeps a custom scheme', () => {
    expect(_readRedirect('com.acme.app://oauth/done?code=1#x')).toEqual({ code: '1', redirectUri: 'com.acme.app://oauth/done' });
  });

  test('takes the first code when there are several', () => {
    expect(_readRedirect('https://l.example/cb?code=first&code=second').code).toBe('first');
  });

  test('reports an error redirect with the error the server gave', () => {
    expect(() => _readRedirect('https://l.example/cb?error=access_denied&error_description=The+user+said+no&state=s')).toThrow(
      new ConnectorError(
        "The authorization server redirected to https://l.example/cb with error 'access_denied': The user said no instead of a code.",
        'bad_request',
      ),
    );
  });

  test('reports a missing code and a URL that is not absolute as bad_request', () => {
    expect(() => _readRedirect('https://l.example/cb?state=s')).toThrow(
      "redirect_uri_with_code has no 'code' query parameter (redirect URI https://l.example/cb).",
    );
    const thrown = (() => {
      try {
        _readRedirect('/cb?code=1');
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(ConnectorError);
    expect(thrown).toMatchObject({ code: 'bad_request', message: expect.stringContaining('not an absolute URL') });
  });
});
