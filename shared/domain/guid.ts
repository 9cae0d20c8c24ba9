/**
 * Tenant ids and role template ids are GUIDs written 8-4-4-4-12. Entra role template ids do not all follow the
 * RFC 9562 version/variant bits, so only the layout is checked, not the version nibble.
 */
const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(text: string): boolean {
  return guidPattern.test(text);
}

/** GUIDs compare case-insensitively; we store and compare them in lower case. */
export function normalizeGuid(text: string): string {
  return text.trim().toLowerCase();
}
