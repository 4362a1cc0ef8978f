import { expect, test } from 'bun:test';
import { deactivationMarker, markedComment, unmarkedComment } from './deactivation-marker.ts';

test('the marker goes in front of the comment and comes off again, leaving the comment as it was', () => {
  for (const comment of [null, 'Contractor', '  spaced  ', `${deactivationMarker}x`.slice(1)]) {
    const marked = markedComment(comment);
    expect(marked.startsWith(deactivationMarker)).toBe(true);
    expect(markedComment(marked)).toBe(marked);
    expect(unmarkedComment(marked)).toBe(comment);
  }
  expect(markedComment(null)).toBe('[lumos:deactivated]');
  expect(markedComment('Contractor')).toBe('[lumos:deactivated] Contractor');
  expect(unmarkedComment('no marker')).toBe('no marker');
});
