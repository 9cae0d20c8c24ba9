import { app } from "@azure/functions";
import { relationshipId } from "../shared/api/id-schemas";
import {
  accessAssignmentListSpec,
  accessAssignmentsEntitySet,
  toGraphAccessAssignment
} from "../shared/graph/graph-assignments";
import { collectionBody, graphSkipTokens, pageInMemory } from "../shared/graph/graph-collection";
import { graphJson } from "../shared/graph/graph-endpoint";
import { graphBase } from "../shared/graph/graph-partner-calls";
import { readGraphListQuery } from "../shared/graph/odata-query";
import { partnerCaller } from "../shared/http/callers";
import { readRouteParam } from "../shared/http/request-parts";
import { listGraphAccessAssignments } from "../shared/use-cases/graph-assignment-reads";
import { graphEndpoint } from "../shared/wiring";

app.http("graphListAccessAssignments", {
  route: "v1.0/tenantRelationships/delegatedAdminRelationships/{id}/accessAssignments",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: graphEndpoint(async (request, services) => {
    const caller = await partnerCaller(services, request, "read");
    const id = readRouteParam(request, "id", relationshipId);
    const query = readGraphListQuery(request, accessAssignmentListSpec);
    const paging = graphSkipTokens(services.linkTokenSecret, `accessAssignments:${id}`, caller.partner.tenantId, query);
    const all = await listGraphAccessAssignments(services, caller.partner.tenantId, id, query);
    const page = pageInMemory(all.map(toGraphAccessAssignment), query.top, paging.continuationOf(query.skipToken));
    return graphJson(
      collectionBody(graphBase(services), accessAssignmentsEntitySet, request, paging, query, {
        ...page,
        count: all.length
      })
    );
  })
});
