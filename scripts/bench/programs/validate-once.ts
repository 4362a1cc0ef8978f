/**
 * Validates one page of accounts against the wire schema once, in a fresh process — as a connector
 * does for each page — and prints the milliseconds it took. Argument: the page size.
 */
import * as v from 'valibot';
import { FoundAccountData } from '../../../src/wire/generated/models.ts';
import { fakeUser } from '../fake-api.ts';
import { toAccount } from '../http-connector/src/to-account.ts';

const size = Number(process.argv[2] ?? '1000');
const accounts = Array.from({ length: size }, (_, index) => toAccount(fakeUser(index)));
const started = performance.now();
const valid = v.safeParse(v.array(FoundAccountData), accounts).success;
const ms = performance.now() - started;
if (!valid) throw new Error('the bench accounts do not match FoundAccountData');
await Bun.write(Bun.stdout, `${ms}\n`);
