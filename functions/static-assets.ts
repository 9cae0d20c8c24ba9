import { app, type HttpResponseInit } from "@azure/functions";
import { isAssetName, loadAsset } from "../shared/pages/assets";

// The pages' stylesheet and script. A URL with the current content hash (?v=, as the layout links them) is
// cached for a year; any other is cached briefly, so an old link never pins an old file.
app.http("staticAssets", {
  route: "static/{*path}",
  methods: ["GET", "HEAD"],
  authLevel: "anonymous",
  handler: async (request): Promise<HttpResponseInit> => {
    const name = request.params.path ?? "";
    if (!isAssetName(name))
      return {
        status: 404,
        headers: { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" },
        body: "Not found"
      };
    const asset = loadAsset(name);
    const current = request.query.get("v") === asset.version;
    return {
      status: 200,
      headers: {
        "content-type": asset.contentType,
        "cache-control": current ? "public, max-age=31536000, immutable" : "public, max-age=300",
        etag: `"${asset.version}"`,
        "x-content-type-options": "nosniff"
      },
      body: request.method === "HEAD" ? undefined : asset.body
    };
  }
});
