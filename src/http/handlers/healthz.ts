import type { Store } from "../../store/create-store";
import type { HttpHandler } from "../types";

/** Liveness plus whether Cosmos answers; 503 lets App Service and load balancers see a broken store. */
export function createHealthzHandler(store: Store, version: string): HttpHandler {
  return async (_req, res) => {
    const cosmosOk = await store.ping();
    res.send(cosmosOk ? 200 : 503, {
      status: cosmosOk ? "ok" : "degraded",
      cosmos: cosmosOk ? "ok" : "unreachable",
      store: store.describe(),
      version,
    });
  };
}
