import { app } from "@azure/functions";
import { currentAgreement } from "../shared/domain/agreement";
import { endpoint } from "../shared/wiring";

// Short cache: when a new version is published, customers should be shown it (and accept it) soon.
app.http("getAgreement", {
  route: "api/agreement",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: endpoint(async () => {
    const { version, title, text, sha256 } = currentAgreement;
    return {
      status: 200,
      headers: { "cache-control": "public, max-age=300", etag: `"${sha256}"` },
      jsonBody: { version, title, text, sha256 }
    };
  })
});
