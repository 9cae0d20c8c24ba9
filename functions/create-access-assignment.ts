import { app } from "@azure/functions";
import { createAccessAssignmentBody } from "../shared/api/assignment-schemas";
import { relationshipId } from "../shared/api/id-schemas";
import { assignmentEtag } from "../shared/assignments/assignment-records";
import { toAccessAssignmentResource } from "../shared/assignments/assignment-resource";
import { assignmentPaths } from "../shared/http/assignment-request";
import { actorOf, partnerCaller } from "../shared/http/callers";
import { json } from "../shared/http/endpoint";
import { toHttpEtag } from "../shared/http/etag";
import { readJsonBody } from "../shared/http/json-body";
import { readRouteParam } from "../shared/http/request-parts";
import { createAccessAssignment } from "../shared/use-cases/access-assignments";
import { endpoint } from "../shared/wiring";

app.http("createAccessAssignment", {
  route: "api/relationships/{id}/accessAssignments",
  methods: ["POST"],
  authLevel: "anonymous",
  handler: endpoint(async (request, services) => {
    const caller = await partnerCaller(services, request, "write");
    const id = readRouteParam(request, "id", relationshipId);
    const body = await readJsonBody(request, createAccessAssignmentBody);
    const { assignment } = await createAccessAssignment(
      services,
      { partnerTenantId: caller.partner.tenantId, relationshipId: id, actor: actorOf(caller.principal, "partner") },
      {
        securityGroupId: body.accessContainer.accessContainerId,
        roleDefinitionIds: body.accessDetails.unifiedRoles.map((role) => role.roleDefinitionId),
        ...(body.label === undefined ? {} : { label: body.label })
      }
    );
    return json(toAccessAssignmentResource(assignment), {
      status: 201,
      etag: toHttpEtag(assignmentEtag(assignment)),
      location: assignmentPaths.assignment(id, assignment.id)
    });
  })
});
