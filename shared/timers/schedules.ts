/**
 * When each timer runs, as 6-field NCRONTAB (seconds first). Literal on purpose: a `%Setting%` schedule makes the
 * host refuse to start when the setting is missing, and nothing here needs tuning per environment. Each run only
 * reads what is due, so running often costs little; the schedule bounds how late a notice or an expiry can be.
 */
export const timerSchedules = {
  /** Pending invitations past their 90 days become expired (the link already refuses them on its own). */
  expireInvitations: "0 */15 * * * *",
  /** Expiry notices, the expiring window, expiry and auto-extension: at most 5 minutes late. */
  relationshipDates: "0 */5 * * * *",
  /** Outbox entries whose publish failed after the Cosmos write: re-published within about a minute. */
  outbox: "0 * * * * *"
} as const;
