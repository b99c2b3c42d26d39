// The fakes of @idclients/testing and its leak checks, read from source: this package cannot depend on
// @idclients/testing, which depends on it (turbo.json lists packages/testing/src among its test inputs).

export { type ConfluentFake, startConfluent } from "../../../testing/src/index.js";
export { capturingLogger, expectNoSecret, renderings } from "../../../testing/src/test-support/leak-check.js";
