import { app } from "@azure/functions";
import { createAccessAssignmentBody } from "../shared/api/assignment-schemas";
import { relationshipId } from "../shared/api/id-schemas";
import { assignmentEtag } from "../shared/assignments/assignment-records";
import { toAccessAssignmentResource } from "../shared/assignments/assignment-resource";
import { getServices } from "../shared/composition-root";
import { assignmentPaths } from "../shared/http/assignment-request";
import { actorOf, partnerCaller } from "../shared/http/callers";
import { endpoint, json } from "../shared/http/endpoint";
import { toHttpEtag } from "../shared/http/etag";
import { readJsonBody } from "../shared/http/json-body";
import { readRouteParam } from "../shared/http/request-parts";
import { createAccessAssignment } from "../shared/use-cases/access-assignments";

app.http("createAccessAssignment", {
  route: "api/relationships/{id}/accessAssignments",
  methods: ["POST"],
  authLevel: "anonymous",
  handler: endpoint(async (request) => {
    const caller = await partnerCaller(request, "write");
    const id = readRouteParam(request, "id", relationshipId);
    const body = await readJsonBody(request, createAccessAssignmentBody);
    const { assignment } = await createAccessAssignment(getServices(), { partnerTenantId: caller.partner.tenantId, relationshipId: id, actor: actorOf(caller.principal, "partner") }, {
      securityGroupId: body.accessContainer.accessContainerId,
      roleDefinitionIds: body.accessDetails.unifiedRoles.map((role) => role.roleDefinitionId),
      ...(body.label === undefined ? {} : { label: body.label })
    });
    return json(toAccessAssignmentResource(assignment), { status: 201, etag: toHttpEtag(assignmentEtag(assignment)), location: assignmentPaths.assignment(id, assignment.id) });
  })
});
