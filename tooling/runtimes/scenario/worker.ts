// Entry of the Cloudflare Worker (bundled, run by workerd through miniflare): the test POSTs the
// targets (JSON of ScenarioTargets) and gets a ScenarioReport back. Everything, the clients and their
// timers included, lives inside the request: workerd allows no I/O or timers outside one.
import { reportScenario, type ScenarioTargets } from "./scenario.ts";

export default {
  async fetch(request: Request): Promise<Response> {
    const targets = (await request.json()) as ScenarioTargets;
    try {
      return Response.json(await reportScenario({ name: "workerd", version: navigator.userAgent }, targets));
    } catch (error) {
      const text =
        error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ""}` : String(error);
      return new Response(text, { status: 500 });
    }
  },
};
