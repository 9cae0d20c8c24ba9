/**
 * What the /v1.0 relationship triggers share: the partner's relationship answered as Graph writes one (context,
 * `@odata.etag` equal to the ETag header, absolute Location), and whether the caller may see its invitation link —
 * a bearer secret, so only a Partner.Admin of the owning partner, and only while the relationship waits for approval.
 */
import type { HttpResponseInit } from "@azure/functions";
import { partnerAdminAppRole, type PartnerCaller } from "../http/callers";
import { relationshipEtag, type StoredRelationship } from "../relationships/relationship-document";
import { invitationLinkFor } from "../use-cases/create-invitation";
import { graphJson } from "./graph-endpoint";
import { relationshipsEntitySet, requestsEntitySet, toGraphRequest, toGraphRelationship } from "./graph-relationships";
import { entityBody, graphEtag, graphUrl } from "./graph-resource";
import type { RelationshipRequestRecord } from "../relationships/relationship-requests";

/** What these answers read from the services (a narrow view of shared/services.ts). */
export interface GraphServices {
  readonly publicBaseUrl: string;
  readonly linkTokenSecret: Buffer;
}

export function graphBase(services: Pick<GraphServices, "publicBaseUrl">): string {
  return services.publicBaseUrl;
}

export function relationshipUrl(services: Pick<GraphServices, "publicBaseUrl">, id: string): string {
  return graphUrl(graphBase(services), `${relationshipsEntitySet}/${id}`);
}

/** The link, for a Partner.Admin reading an approvalPending relationship; undefined for anyone or anything else. */
export function invitationLinkShownTo(
  services: GraphServices,
  caller: PartnerCaller,
  document: StoredRelationship
): string | undefined {
  const nonce = document.invitation?.nonce;
  if (document.status !== "approvalPending" || !nonce || !caller.principal.appRoles.includes(partnerAdminAppRole))
    return undefined;
  return invitationLinkFor(services, nonce);
}

export function relationshipResponse(
  services: Pick<GraphServices, "publicBaseUrl">,
  document: StoredRelationship,
  options: { status?: number; location?: boolean; invitationLink?: string } = {}
): HttpResponseInit {
  return graphJson(
    entityBody(graphBase(services), relationshipsEntitySet, toGraphRelationship(document, options.invitationLink)),
    {
      status: options.status,
      etag: graphEtag(relationshipEtag(document)),
      ...(options.location ? { location: relationshipUrl(services, document.id) } : {})
    }
  );
}

export function requestResponse(
  services: Pick<GraphServices, "publicBaseUrl">,
  relationshipId: string,
  record: RelationshipRequestRecord,
  options: { status?: number; invitationLink?: string } = {}
): HttpResponseInit {
  const resource = toGraphRequest(record);
  const body = {
    ...entityBody(graphBase(services), requestsEntitySet, resource),
    ...(options.invitationLink ? { invitationLink: options.invitationLink } : {})
  };
  return graphJson(body, {
    status: options.status,
    etag: resource["@odata.etag"] as string,
    ...(options.status === 201
      ? { location: `${relationshipUrl(services, relationshipId)}/requests/${record.id}` }
      : {})
  });
}
