import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { appSettingKeys } from "../../../shared/config";

const sample = JSON.parse(readFileSync(join(__dirname, "..", "..", "..", "local.settings.sample.json"), "utf8")) as {
  Values: Record<string, string>;
};
const platformSettings = ["AzureWebJobsStorage", "FUNCTIONS_WORKER_RUNTIME"];

describe("local.settings.sample.json", () => {
  it("lists every app setting the product reads", () => {
    const missing = appSettingKeys.filter((key) => !(key in sample.Values));
    expect(missing).toEqual([]);
  });

  it("lists nothing the product does not read, besides the platform's own settings", () => {
    const unknown = Object.keys(sample.Values).filter(
      (key) => !appSettingKeys.includes(key as (typeof appSettingKeys)[number]) && !platformSettings.includes(key)
    );
    expect(unknown).toEqual([]);
  });

  it("commits no secret: the link-token secret is left for the local runtime to generate", () => {
    expect(sample.Values.LINK_TOKEN_SECRET).toBe("");
  });
});
