/**
 * `ALTER ROLE … NOLOGIN` leaves a deactivated account looking like a group role, so deactivation
 * also puts this marker at the start of the role's comment (keeping the comment that was there)
 * and activation takes it off again. Roles carrying it stay accounts, listed as INACTIVE.
 */
export const deactivationMarker = '[lumos:deactivated]';

/** The role comment after deactivation: the marker, then the comment that was there. */
export function markedComment(comment: string | null): string {
  if (comment?.startsWith(deactivationMarker)) return comment;
  return comment ? `${deactivationMarker} ${comment}` : deactivationMarker;
}

/** The role comment after activation: the comment without the marker, or null when nothing is left. */
export function unmarkedComment(comment: string | null): string | null {
  if (!comment?.startsWith(deactivationMarker)) return comment;
  const rest = comment.slice(deactivationMarker.length).replace(/^ /, '');
  return rest === '' ? null : rest;
}
