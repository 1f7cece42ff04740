/**
 * @module
 * The OpenAPI 3.1 document of the plain REST API (README § HTTP API):
 * `POST /api/segment`, `POST /api/share`, `DELETE /api/share/{id}`, `GET /s/{id}` (+ its
 * images) and `GET /healthz`. Limits come from the running configuration.
 *
 * @example
 * ```ts
 * const doc = openApiDocument({ maxBodyBytes: 15 << 20, maxPixels: 40e6, serverUrl: "http://localhost:8000" });
 * doc.paths["/api/segment"].post.responses["200"]; // the mask JSON or PNG
 * ```
 */

import { SHARE_FILES } from "../lib/share/files.ts";
import { API_SCHEMAS } from "../lib/api/segment_api.ts";
import { SUPPORTED_TYPES } from "../lib/image/sniff.ts";
import { SUPPORTED_NAMES } from "../lib/image/errors.ts";

/** What the document needs to know about the server. */
export interface OpenApiOptions {
  maxBodyBytes: number;
  maxPixels: number;
  /** Absolute origin, listed under `servers`. */
  serverUrl: string;
  shareTtlHours?: number;
}

const ERROR = { $ref: "#/components/schemas/Error" };
const RETRY_AFTER = {
  "Retry-After": {
    description: "Seconds to wait before trying again.",
    schema: { type: "integer" },
  },
};

function errorResponse(description: string, headers?: Record<string, unknown>) {
  return {
    description,
    ...(headers ? { headers } : {}),
    content: { "application/json": { schema: ERROR } },
  };
}

/** Builds the document. */
export function openApiDocument(o: OpenApiOptions) {
  const mb = Math.round(o.maxBodyBytes / 1048576 * 10) / 10;
  const shareParam = {
    name: "share",
    in: "query",
    required: false,
    description:
      "`1` (or `true`) to also create a share link. Also accepted as a multipart form field.",
    schema: { type: "string", enum: ["1", "true", "0", "false"] },
  };
  const idParam = {
    name: "id",
    in: "path",
    required: true,
    description: "The share id (22 URL-safe characters).",
    schema: { type: "string", pattern: "^[A-Za-z0-9_-]{22}$" },
  };
  return {
    openapi: "3.1.0",
    info: {
      title: "Pet Image Segmentation API",
      version: "1.0.0",
      description:
        "Segment a photo of a cat or dog into pet, background and border (Oxford-IIIT Pet trimap classes). " +
        "Gradio clients can use the Gradio protocol instead: see `/api-docs`.",
    },
    servers: [{ url: o.serverUrl }],
    paths: {
      "/api/segment": {
        post: {
          operationId: "segment",
          summary: "Segment a pet photo",
          description:
            `The photo goes in a multipart file field \`image\`, or as the raw bytes with an \`image/*\` Content-Type. ` +
            `At most ${mb} MB and ${
              o.maxPixels.toLocaleString("en-US")
            } pixels. ${SUPPORTED_NAMES.replace(" or ", " and ")} are read; ` +
            "EXIF orientation is applied. Send `Accept: image/png` to get the mask PNG itself.",
          parameters: [shareParam],
          requestBody: {
            required: true,
            content: {
              "multipart/form-data": {
                schema: {
                  type: "object",
                  required: ["image"],
                  properties: {
                    image: {
                      type: "string",
                      format: "binary",
                      description: "The photo.",
                    },
                    share: {
                      type: "string",
                      enum: ["1", "true"],
                      description: "Create a share link.",
                    },
                  },
                },
                encoding: {
                  image: {
                    contentType: SUPPORTED_TYPES.join(", "),
                  },
                },
              },
              "image/*": { schema: { type: "string", format: "binary" } },
            },
          },
          responses: {
            "200": {
              description:
                "The mask: JSON by default, the PNG itself with `Accept: image/png`.",
              headers: {
                "X-Image-Width": {
                  schema: { type: "integer" },
                  description: "Mask width = photo width.",
                },
                "X-Image-Height": {
                  schema: { type: "integer" },
                  description: "Mask height = photo height.",
                },
                "X-Share-Url": {
                  schema: { type: "string", format: "uri" },
                  description: "PNG answers with `share=1`.",
                },
                "Server-Timing": { schema: { type: "string" } },
              },
              content: {
                "application/json": {
                  schema: { $ref: "#/components/schemas/SegmentResult" },
                },
                "image/png": {
                  schema: { type: "string", format: "binary" },
                  description:
                    "8-bit gray PNG at the photo's size: 0 pet, 127 background, 255 border.",
                },
              },
            },
            "400": errorResponse(
              "Missing, empty or corrupt image (`missing_image`, `empty_image`, `corrupt_image`, `bad_request`).",
            ),
            "413": errorResponse(
              `The body is larger than ${mb} MB (\`payload_too_large\`).`,
            ),
            "415": errorResponse(
              "Not an image type we read (`unsupported_type`).",
            ),
            "422": errorResponse(
              "Over the pixel budget or too small (`too_many_pixels`, `too_small`).",
            ),
            "403": errorResponse(
              "A share asked for from another site's page without an API key (`cross_site_share`).",
            ),
            "408": errorResponse(
              "The upload was too slow (`upload_too_slow`).",
            ),
            "429": errorResponse(
              "Too many photos or share links from this address (`rate_limited`, `too_many_uploads`).",
              RETRY_AFTER,
            ),
            "503": errorResponse(
              "Overloaded or the model is not loaded (`overloaded`, `model_unavailable`).",
              RETRY_AFTER,
            ),
            "504": errorResponse(
              "The photo took longer than the time limit (`time_limit`).",
            ),
            "500": errorResponse("Unexpected server error (`internal_error`)."),
          },
        },
      },
      "/api/preview": {
        post: {
          operationId: "preview",
          summary: "An upright JPEG of a photo",
          description:
            "For pages whose browser cannot show the photo's format (HEIC in Chromium and Firefox): " +
            "the raw photo bytes in, an upright JPEG of at most 1600 px per side out (`max` for less). " +
            "Same limits, queue and rate limit as `/api/segment`.",
          parameters: [{
            name: "max",
            in: "query",
            required: false,
            schema: { type: "integer", minimum: 64, maximum: 1600 },
            description: "Longest side of the JPEG.",
          }],
          requestBody: {
            required: true,
            content: {
              "image/*": { schema: { type: "string", format: "binary" } },
            },
          },
          responses: {
            "200": {
              description: "The JPEG.",
              headers: {
                "X-Image-Width": {
                  schema: { type: "integer" },
                  description: "The photo's own width (upright).",
                },
                "X-Image-Height": {
                  schema: { type: "integer" },
                  description: "The photo's own height (upright).",
                },
              },
              content: {
                "image/jpeg": { schema: { type: "string", format: "binary" } },
              },
            },
            "400": errorResponse("Empty or corrupt image."),
            "413": errorResponse(`The body is larger than ${mb} MB.`),
            "415": errorResponse("Not an image type we read."),
            "422": errorResponse("Over the pixel or decode budget."),
            "429": errorResponse("Too many requests.", RETRY_AFTER),
            "503": errorResponse("Overloaded.", RETRY_AFTER),
            "504": errorResponse("Took longer than the time limit."),
          },
        },
      },
      "/api/share": {
        post: {
          operationId: "share",
          summary: "Share a result you already have",
          description:
            "Creates a share link from a photo and the mask `/api/segment` returned for it, without running the model again. " +
            "From a browser page of another site, needs `X-Api-Key`.",
          requestBody: {
            required: true,
            content: {
              "multipart/form-data": {
                schema: {
                  type: "object",
                  required: ["photo", "mask"],
                  properties: {
                    photo: {
                      type: "string",
                      format: "binary",
                      description:
                        "The photo (720 px on its longer side is enough).",
                    },
                    mask: {
                      type: "string",
                      format: "binary",
                      description: "The gray mask PNG of that photo.",
                    },
                    totalMs: {
                      type: "number",
                      description: "Processing time to show on the share page.",
                    },
                  },
                },
              },
            },
          },
          responses: {
            "201": {
              description: "The link.",
              content: {
                "application/json": {
                  schema: { $ref: "#/components/schemas/ShareCreated" },
                },
              },
            },
            "400": errorResponse("Missing or unreadable photo or mask."),
            "403": errorResponse(
              "Cross-site request without an API key (`cross_site_share`).",
            ),
            "429": errorResponse(
              "Too many share links (`rate_limited`).",
              RETRY_AFTER,
            ),
            "503": errorResponse(
              "Sharing is unavailable or today's quota is used up (`share_unavailable`, `quota_exceeded`).",
              RETRY_AFTER,
            ),
          },
        },
      },
      "/api/share/{id}": {
        delete: {
          operationId: "deleteShare",
          summary: "Delete a share link",
          description:
            "Needs the delete token returned when the link was created (`?token=` or `Authorization: Bearer`).",
          parameters: [idParam, {
            name: "token",
            in: "query",
            required: false,
            schema: { type: "string" },
          }],
          security: [{}, { shareToken: [] }],
          responses: {
            "204": { description: "Deleted." },
            "401": errorResponse("No token (`missing_token`)."),
            "403": errorResponse("Wrong token (`forbidden`)."),
            "404": errorResponse("No such share (`share_not_found`)."),
            "503": errorResponse(
              "The share store is unavailable (`share_unavailable`).",
              RETRY_AFTER,
            ),
          },
        },
      },
      "/s/{id}": {
        get: {
          operationId: "sharePage",
          summary: "The share page",
          description:
            `An HTML page with the photo, the mask and an overlay. Links live ${
              o.shareTtlHours ?? 168
            } hours.`,
          parameters: [idParam],
          responses: {
            "200": {
              description: "The page.",
              content: { "text/html": { schema: { type: "string" } } },
            },
            "404": { description: "Unknown share." },
            "410": { description: "Expired share." },
          },
        },
      },
      "/s/{id}/{file}": {
        get: {
          operationId: "shareImage",
          summary: "A shared image",
          parameters: [idParam, {
            name: "file",
            in: "path",
            required: true,
            schema: { type: "string", enum: Object.keys(SHARE_FILES) },
          }],
          responses: {
            "200": {
              description:
                "The mask PNG, the (downscaled) photo, or the photo with the mask tinted over it.",
              content: Object.fromEntries(
                Object.values(SHARE_FILES).map((f) => [
                  f.type,
                  { schema: { type: "string", format: "binary" } },
                ]),
              ),
            },
            "404": { description: "Unknown share or file." },
            "410": { description: "Expired share." },
          },
        },
      },
      "/healthz": {
        get: {
          operationId: "health",
          summary: "Readiness",
          responses: {
            "200": {
              description: "The model is loaded.",
              content: {
                "application/json": {
                  schema: { $ref: "#/components/schemas/Health" },
                },
              },
            },
            "503": {
              description: "Still starting.",
              content: {
                "application/json": {
                  schema: { $ref: "#/components/schemas/Health" },
                },
              },
            },
          },
        },
      },
    },
    components: {
      securitySchemes: {
        shareToken: {
          type: "http",
          scheme: "bearer",
          description: "The share's delete token.",
        },
      },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: {
                code: {
                  type: "string",
                  description: "Machine-readable, snake_case.",
                },
                message: {
                  type: "string",
                  description: "A sentence for people.",
                },
              },
            },
          },
        },
        ...API_SCHEMAS,
        Health: {
          type: "object",
          properties: {
            status: {
              type: "string",
              enum: ["ok", "idle", "loading", "failed"],
            },
            queued: { type: "integer" },
            mode: { type: "string", enum: ["worker", "inline"] },
            threads: { type: "integer" },
          },
        },
      },
    },
  };
}
