/**
 * The trigger wrappers bound to the composition root, once. Only functions/ imports this module: the wrappers
 * themselves take "where the services come from" as a parameter, so nothing else in shared/ reaches the root and
 * its folders keep one direction (eslint.config.mjs holds that).
 */
import { getServices } from "./composition-root";
import { graphEndpointWith } from "./graph/graph-endpoint";
import { endpointWith } from "./http/endpoint";
import { queueTriggerWith } from "./messaging/queue-trigger";
import { pagesWith } from "./pages/page-endpoint";

/** An /api handler: `endpoint(async (request, services, context) => ...)`. */
export const endpoint = endpointWith(getServices);
/** A /v1.0 handler, with Graph's error body and headers; called as `endpoint` is. */
export const graphEndpoint = graphEndpointWith(getServices);
/** A page handler gets `page.services` on its PageContext. */
export const { page, pageData } = pagesWith(getServices);
/** Each callback gets the services first: `handle(services, { message, context })`, `onGiveUp(services, message, ...)`. */
export const queueTrigger = queueTriggerWith(getServices);
