/**
 * The throughput floor: a hand-written `list_accounts` that makes the same HTTP call as the bench
 * connector (same URL, headers and mapping) and prints the same envelope, with nothing else —
 * no SDK, no validation, no retries. Its page token is the API's cursor as it is.
 */
import type { ApiUser } from '../http-connector/src/api-user.ts';
import { toAccount } from '../http-connector/src/to-account.ts';

interface Envelope {
  auth: { token: { token: string } };
  settings: { base_url: string };
  page?: { token?: string | null; size?: number | null } | null;
}

const envelope = JSON.parse(process.argv[4] ?? '{}') as Envelope;
const size = envelope.page?.size ?? 100;
const cursor = envelope.page?.token;
const url = `${envelope.settings.base_url}/users?limit=${size}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
const answer = await fetch(url, { headers: { accept: 'application/json', authorization: `Bearer ${envelope.auth.token.token}` } });
if (!answer.ok) throw new Error(`GET ${url} answered ${answer.status}`);
const data = (await answer.json()) as { items: ApiUser[]; next_cursor: string | null };
const page = data.next_cursor ? { token: data.next_cursor, size } : null;
await Bun.write(Bun.stdout, JSON.stringify({ response: data.items.map(toAccount), page, raw_data: null }));
