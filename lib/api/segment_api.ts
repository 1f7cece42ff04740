/**
 * @module
 * The shapes of the plain REST API's answers (`POST /api/segment`,
 * `POST /api/share`), written once: the TypeScript types the server builds
 * and the browser reads, and the JSON Schemas the OpenAPI document serves.
 * `tests/openapi_test.ts` checks real answers against these schemas.
 */
import type { ClassFraction, SegmentTiming } from "../segment/segment.ts";

/** Where a share link lives, as the API reports it. */
export interface ShareLinks {
  /** The share page (absolute when the server's origin is trusted, else a path). */
  shareUrl: string;
  /** `DELETE` this URL (it carries the delete token) to remove the link. */
  shareDeleteUrl: string;
  /** ISO 8601 time the link expires. */
  shareExpiresAt: string;
}

/** The `/api/segment` JSON answer. */
export interface SegmentResponse extends Partial<ShareLinks> {
  /** `data:image/png;base64,…`: 8-bit gray mask at the photo's size. */
  mask: string;
  width: number;
  height: number;
  classes: ClassFraction[];
  timing: SegmentTiming;
  /** Why the asked-for share link could not be made (the mask is still here). */
  shareError?: { code: string; message: string };
}

/** The `POST /api/share` answer. */
export type ShareResponse = ShareLinks;

const SHARE_LINK_PROPERTIES = {
  shareUrl: { type: "string", format: "uri-reference" },
  shareDeleteUrl: { type: "string", format: "uri-reference" },
  shareExpiresAt: { type: "string", format: "date-time" },
} as const;

/** JSON Schemas of the answers, by OpenAPI component name. */
export const API_SCHEMAS = {
  SegmentResult: {
    type: "object",
    additionalProperties: false,
    required: ["mask", "width", "height", "classes", "timing"],
    properties: {
      mask: {
        type: "string",
        pattern: "^data:image/png;base64,",
        description:
          "`data:image/png;base64,…` gray PNG: 0 pet, 127 background, 255 border.",
      },
      width: { type: "integer", minimum: 1 },
      height: { type: "integer", minimum: 1 },
      classes: {
        type: "array",
        items: {
          type: "object",
          additionalProperties: false,
          required: ["name", "value", "fraction"],
          properties: {
            name: { type: "string" },
            value: { type: "integer", minimum: 0, maximum: 255 },
            fraction: { type: "number", minimum: 0, maximum: 1 },
          },
        },
      },
      timing: {
        type: "object",
        additionalProperties: false,
        required: ["decodeMs", "inferenceMs", "postprocessMs", "totalMs"],
        properties: {
          decodeMs: { type: "number" },
          inferenceMs: { type: "number" },
          postprocessMs: { type: "number" },
          totalMs: { type: "number" },
        },
      },
      ...SHARE_LINK_PROPERTIES,
      shareError: {
        type: "object",
        additionalProperties: false,
        required: ["code", "message"],
        properties: { code: { type: "string" }, message: { type: "string" } },
      },
    },
  },
  ShareCreated: {
    type: "object",
    additionalProperties: false,
    required: ["shareUrl", "shareDeleteUrl", "shareExpiresAt"],
    properties: SHARE_LINK_PROPERTIES,
  },
} as const;
