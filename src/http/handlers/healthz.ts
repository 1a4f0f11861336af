import type { Store } from "../../store/create-store";
import type { HttpHandler } from "../types";

/** Liveness plus whether Cosmos answers and writes reach the disk; 503 lets App Service and load balancers see a broken store. */
export function createHealthzHandler(store: Store, version: string): HttpHandler {
  return async (_req, res) => {
    const health = await store.health();
    res.send(health.ok ? 200 : 503, {
      status: health.ok ? "ok" : "degraded",
      cosmos: health.cosmos,
      ...(health.problem ? { problem: health.problem } : {}),
      store: store.describe(),
      version,
    });
  };
}
