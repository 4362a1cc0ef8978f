/**
 * Runs fastCheck inside a compiled executable (minified, bytecode, SDK and valibot bundled) and
 * prints what it says, so the test sees valibot's own `~run` recognised and a wrapper's not.
 */
import * as v from 'valibot';
import { fastCheck } from '../../src/validation/fast-check.ts';
import { response } from '../../src/wire/generated/capability/list_accounts.ts';

const page = Array.from({ length: 100 }, (_, index) => ({ integration_specific_id: `u${index}`, email: null, user_status: 'ACTIVE' }));
const borrowed = { ...v.string(), '~run': v.number()['~run'] } as v.GenericSchema;
const User = v.object({ id: v.string(), active: v.boolean() });
const said = {
  validPage: fastCheck(response)(page),
  badStatus: fastCheck(response)([{ integration_specific_id: 'a', user_status: 'GONE' }]),
  extraKey: fastCheck(response)([{ integration_specific_id: 'a', surprise: 1 }]),
  arrayForObject: fastCheck(response)([[]]),
  borrowedRunOnText: fastCheck(borrowed)('text'),
  borrowedRunOnNumber: fastCheck(borrowed)(5),
  wrappedObject: fastCheck({ ...User, '~run': User['~run'].bind(User) } as v.GenericSchema)({ id: 'a', active: true }),
  plainObject: fastCheck(User)({ id: 'a', active: true }),
};
await Bun.write(Bun.stdout, JSON.stringify(said));
