/**
 * `/openapi.json` describes the plain REST API; checked for structure and
 * kept in step with README's "HTTP API" section.
 */
import assert from "node:assert/strict";
import { openApiDocument } from "../http/openapi.ts";

Deno.test("[openapi] the REST API document", async (t) => {
  const doc = openApiDocument({
    maxBodyBytes: 15 * 1048576,
    maxPixels: 40e6,
    serverUrl: "http://localhost:8000",
  });
  await t.step("OpenAPI 3.1 with every route", () => {
    assert.equal(doc.openapi, "3.1.0");
    assert.deepEqual(Object.keys(doc.paths).sort(), [
      "/api/preview",
      "/api/segment",
      "/api/share",
      "/api/share/{id}",
      "/healthz",
      "/s/{id}",
      "/s/{id}/{file}",
    ]);
  });
  await t.step("every file route under routes/api/ is documented", async () => {
    const root = new URL("../routes/", import.meta.url);
    const walk = async (dir: URL, prefix: string): Promise<string[]> => {
      const out: string[] = [];
      for await (const e of Deno.readDir(dir)) {
        if (e.isDirectory) {
          out.push(
            ...await walk(new URL(`${e.name}/`, dir), `${prefix}/${e.name}`),
          );
        } else if (/\.tsx?$/.test(e.name) && !e.name.endsWith("_test.ts")) {
          const stem = e.name.replace(/\.tsx?$/, "");
          out.push(stem === "index" ? prefix : `${prefix}/${stem}`);
        }
      }
      return out;
    };
    const routes = (await walk(new URL("api/", root), "/api")).map((r) =>
      r.replace(/\[(\w+)\]/g, "{$1}")
    );
    const documented = new Set(Object.keys(doc.paths));
    for (const r of routes) {
      assert.ok(documented.has(r), `${r} is not in /openapi.json`);
    }
  });
  await t.step("POST /api/segment: bodies, statuses, PNG answer", () => {
    const op = doc.paths["/api/segment"].post;
    assert.ok(op.requestBody.content["multipart/form-data"]);
    assert.ok(op.requestBody.content["image/*"]);
    assert.deepEqual(Object.keys(op.responses).sort(), [
      "200",
      "400",
      "403",
      "408",
      "413",
      "415",
      "422",
      "429",
      "500",
      "503",
      "504",
    ]);
    assert.ok(op.responses["200"].content["image/png"]);
    assert.ok(op.responses["429"].headers?.["Retry-After"]);
    assert.ok(op.parameters.some((p) => p.name === "share"));
  });
  await t.step("every $ref resolves", () => {
    const refs = JSON.stringify(doc).match(/"#\/components\/schemas\/\w+"/g) ??
      [];
    for (const r of refs) {
      const name = r.slice(1, -1).split("/").pop()!;
      assert.ok(name in doc.components.schemas, name);
    }
  });
  await t.step("answers share one schema with the server's types", () => {
    assert.ok(doc.components.schemas.SegmentResult);
    assert.ok(doc.components.schemas.ShareCreated);
    assert.equal(
      doc.paths["/api/share"].post.responses["201"].content["application/json"]
        .schema.$ref,
      "#/components/schemas/ShareCreated",
    );
  });
});
