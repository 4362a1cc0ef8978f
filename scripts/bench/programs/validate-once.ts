/**
 * Validates one page of accounts against the wire schema once, in a fresh process — as a connector
 * does for each page — and prints the milliseconds it took. Arguments: the page size, and `valibot`
 * (`v.safeParse`, what a page under `fastCheckMinItems` gets) or `fastcheck` (the compiled check
 * `dispatch` takes first for a larger page, its building included).
 */
import * as v from 'valibot';
import { fastCheck } from '../../../src/validation/fast-check.ts';
import { response } from '../../../src/wire/generated/capability/list_accounts.ts';
import { fakeUser } from '../fake-api.ts';
import { toAccount } from '../http-connector/src/to-account.ts';

const size = Number(process.argv[2] ?? '1000');
const mode = process.argv[3] ?? 'valibot';
const accounts = Array.from({ length: size }, (_, index) => toAccount(fakeUser(index)));
const started = performance.now();
const valid = mode === 'fastcheck' ? fastCheck(response)(accounts) : v.safeParse(response, accounts).success;
const ms = performance.now() - started;
if (!valid) throw new Error(`the bench accounts do not pass FoundAccountData (${mode})`);
await Bun.write(Bun.stdout, `${ms}\n`);
