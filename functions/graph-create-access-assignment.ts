import { app } from "@azure/functions";
import { graphCreateAccessAssignmentBody } from "../shared/api/graph-assignment-schemas";
import { relationshipId } from "../shared/api/id-schemas";
import { assignmentResponse, assignmentUrl } from "../shared/graph/graph-assignment-calls";
import { actorOf, partnerCaller } from "../shared/http/callers";
import { readJsonBody } from "../shared/http/json-body";
import { readRouteParam } from "../shared/http/request-parts";
import { createAccessAssignment } from "../shared/use-cases/access-assignments";
import { graphEndpoint } from "../shared/wiring";

app.http("graphCreateAccessAssignment", {
  route: "v1.0/tenantRelationships/delegatedAdminRelationships/{id}/accessAssignments",
  methods: ["POST"],
  authLevel: "anonymous",
  handler: graphEndpoint(async (request, services) => {
    const caller = await partnerCaller(services, request, "write");
    const id = readRouteParam(request, "id", relationshipId);
    const body = await readJsonBody(request, graphCreateAccessAssignmentBody);
    const { assignment } = await createAccessAssignment(
      services,
      { partnerTenantId: caller.partner.tenantId, relationshipId: id, actor: actorOf(caller.principal, "partner") },
      {
        securityGroupId: body.accessContainer.accessContainerId,
        roleDefinitionIds: body.accessDetails.unifiedRoles.map((role) => role.roleDefinitionId),
        ...(body.label === undefined ? {} : { label: body.label })
      }
    );
    return assignmentResponse(services, assignment, {
      status: 201,
      location: assignmentUrl(services, id, assignment.id)
    });
  })
});
