/** Where the partner's pages for one relationship live: the page, the JSON its script polls, and its assignments. */

export function partnerRelationshipPath(relationshipId: string, part?: "status"): string {
  return `/partner/relationships/${encodeURIComponent(relationshipId)}${part ? `/${part}` : ""}`;
}

/** The assignments' forms: POST to the list assigns a group; one assignment's page changes it; `/remove` removes it. */
export function assignmentPath(relationshipId: string, assignmentId?: string, action?: "remove"): string {
  const base = `${partnerRelationshipPath(relationshipId)}/assignments`;
  if (!assignmentId) return base;
  return `${base}/${encodeURIComponent(assignmentId)}${action ? `/${action}` : ""}`;
}
