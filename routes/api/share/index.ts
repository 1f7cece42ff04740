import { define, type State } from "../../../utils.ts";
import { byMethod } from "../../../http/apps/methods.ts";
import { shareResult } from "../../../http/segment_api.ts";

/** `POST /api/share`: share a result the page already has (photo + mask). */
export const handler = define.handlers(byMethod<State>({ POST: shareResult }));
