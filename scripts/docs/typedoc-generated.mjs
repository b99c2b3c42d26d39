// TypeDoc plugin: exempts code generated from the OpenAPI specs (any `src/generated/` file) from the
// "every symbol is documented" check, and nothing else.
//
// The generated `paths` / `components` / `operations` types and the operation metadata carry the specs'
// descriptions where the specs have them; their structural members (`parameters`, `query`,
// `responses`, `content`, `"application/json"`, ...) have nothing to say, and those files are never
// edited by hand, so a comment cannot be added there. The specs are documented in full by the Redoc
// API reference next to this one. Hand-written code stays under `validation.notDocumented`.
//
// Mechanism: after the packages are merged (packages mode), every undocumented reflection whose symbol
// is declared in a `src/generated/` file is added to `intentionallyNotDocumented`, the option TypeDoc's
// own validation consults.
import { Application, ReflectionKind } from "typedoc";

const GENERATED = /(^|\/)src\/generated\//;
const SIGNATURES =
  ReflectionKind.CallSignature |
  ReflectionKind.ConstructorSignature |
  ReflectionKind.GetSignature |
  ReflectionKind.SetSignature;

/** @param {Application} app */
export function load(app) {
  app.on("reviveProject", (project) => {
    // The kinds TypeDoc's check looks at (functions, methods and accessors through their signatures).
    const required = app.options
      .getValue("requiredToBeDocumented")
      .reduce((kinds, name) => kinds | ReflectionKind[name], SIGNATURES);
    const exempt = new Set(app.options.getValue("intentionallyNotDocumented"));
    for (const reflection of project.getReflectionsByKind(required)) {
      const documented =
        reflection.hasComment() ||
        (reflection.kindOf(ReflectionKind.SomeSignature) && reflection.parent?.hasComment());
      if (documented) continue;
      const symbolId = project.getSymbolIdFromReflection(reflection);
      if (symbolId && GENERATED.test(symbolId.packagePath)) exempt.add(reflection.getFriendlyFullName());
    }
    app.options.setValue("intentionallyNotDocumented", [...exempt]);
  });
}
