/**
 * How old an invitation is and how soon it lapses, in the words the list shows ("sent 3 days ago", "expires in
 * 5 days"). Pure: the caller passes "now" (the product clock, which the local runtime can move).
 */
/** An invitation with fewer days than this left (of its 90) is highlighted so the partner can chase or resend it. */
const expiringSoonDays = 14;

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** "just now", "5 minutes ago", "2 hours ago", "yesterday", "3 days ago". */
export function timeAgo(from: Date, now: Date): string {
  const elapsed = Math.max(0, now.getTime() - from.getTime());
  if (elapsed < minute) return "just now";
  if (elapsed < hour) return plural(Math.floor(elapsed / minute), "minute") + " ago";
  if (elapsed < day) return plural(Math.floor(elapsed / hour), "hour") + " ago";
  const days = Math.floor(elapsed / day);
  return days === 1 ? "yesterday" : `${plural(days, "day")} ago`;
}

/** "in 5 minutes", "in 3 hours", "in 12 days"; "now" once the moment has passed. */
export function timeUntil(to: Date, now: Date): string {
  const remaining = to.getTime() - now.getTime();
  if (remaining <= 0) return "now";
  if (remaining < hour) return `in ${plural(Math.max(1, Math.ceil(remaining / minute)), "minute")}`;
  if (remaining < day) return `in ${plural(Math.ceil(remaining / hour), "hour")}`;
  // Started days count: a 90-day link made a second ago "expires in 90 days".
  return `in ${plural(Math.ceil(remaining / day), "day")}`;
}

export interface InvitationClock {
  /** "sent 3 days ago" */
  readonly sentText: string;
  /** Days left before the link lapses, counting a started day (90 just after sending, 1 on the last day). */
  readonly daysLeft: number;
  /** "expires in 76 days" */
  readonly expiresText: string;
  /** Fewer than `expiringSoonDays` of its days left (and not yet lapsed): "expires in 13 days" and less. */
  readonly expiringSoon: boolean;
  readonly lapsed: boolean;
}

export function invitationClock(createdDateTime: string, expiresDateTime: string, now: Date): InvitationClock {
  const expires = new Date(expiresDateTime);
  const remaining = expires.getTime() - now.getTime();
  const lapsed = remaining <= 0;
  const daysLeft = lapsed ? 0 : Math.ceil(remaining / day);
  return {
    sentText: `sent ${timeAgo(new Date(createdDateTime), now)}`,
    daysLeft,
    expiresText: lapsed ? "link expired" : `expires ${timeUntil(expires, now)}`,
    expiringSoon: !lapsed && daysLeft < expiringSoonDays,
    lapsed
  };
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? "" : "s"}`;
}
