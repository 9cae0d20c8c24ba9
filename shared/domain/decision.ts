/** A yes, or a no with a sentence a person can act on. */
export type Decision = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

export const allowed: Decision = { allowed: true };

export function refused(reason: string): Decision {
  return { allowed: false, reason };
}
