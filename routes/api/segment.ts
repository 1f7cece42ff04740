import { define, type State } from "../../utils.ts";
import { byMethod } from "../../http/apps/methods.ts";
import { segmentPhoto } from "../../http/segment_api.ts";

/** `POST /api/segment`: see README § HTTP API. */
export const handler = define.handlers(byMethod<State>({ POST: segmentPhoto }));
