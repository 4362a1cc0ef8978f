/**
 * The HTTP kit: a client for the app's API (authentication from the request's credential,
 * retries, rate limiting, redacted logging, proxies and extra CAs), page tokens and pagination
 * helpers, and `raw_data` capture.
 *
 * @module
 */
export { createHttpClient, defaultTimeoutMs } from './create-http-client.ts';
export type {
  DataOf,
  HttpClient,
  HttpClientArgs,
  HttpClientOptions,
  HttpRequestOptions,
  HttpResponse,
  HttpErrorAnswer,
  RequestBodyOptions,
} from './create-http-client.ts';
export type { QueryParams } from './build-url.ts';
export type { HttpAuth } from './resolve-auth.ts';
export { defaultRetryPolicy, backoffDelay } from './retry-policy.ts';
export type { RetryPolicy } from './retry-policy.ts';
export { rateLimitHint, parseRetryAfter } from './rate-limit-hint.ts';
export type { RateLimitHint } from './rate-limit-hint.ts';
export { createRateLimiter } from './rate-limiter.ts';
export type { RateLimiter, RateLimiterOptions } from './rate-limiter.ts';
export { encodePageToken, decodePageToken, pageTokenVersion } from './page-token.ts';
export type { EndpointCursor, PageTokenState, UpstreamCursor } from './page-token.ts';
export { openPage } from './open-page.ts';
export type { OpenPageOptions, PagePosition, RequestedPage } from './open-page.ts';
export type { PageRequest, PageResult } from './page-result.ts';
export { parseLinkHeader, nextLink } from './link-header.ts';
export type { Link } from './link-header.ts';
export { fetchCursorPage } from './fetch-cursor-page.ts';
export type { CursorPageOptions } from './fetch-cursor-page.ts';
export { fetchLinkPage } from './fetch-link-page.ts';
export type { LinkPageOptions } from './fetch-link-page.ts';
export { fetchOffsetPage } from './fetch-offset-page.ts';
export type { OffsetPageOptions } from './fetch-offset-page.ts';
export { fetchPageNumberPage } from './fetch-page-number-page.ts';
export type { PageNumberPageOptions } from './fetch-page-number-page.ts';
export { walkPages } from './walk-pages.ts';
export type { WalkPagesOptions } from './walk-pages.ts';
export type { RawData, RawResponse } from './raw-data.ts';
export { proxyForUrl } from './proxy-for-url.ts';
export type { ExtraCaOptions } from './extra-ca.ts';
