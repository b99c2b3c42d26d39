/** One line of the demo's report. */
export interface StepResult {
  title: string;
  ok: boolean;
  ms: number;
  detail: string;
}

/** Runs the demo's steps in order, timing each and stopping at the first failure. */
export class StepReport {
  readonly steps: StepResult[] = [];
  readonly #print: (line: string) => void;

  constructor(print: (line: string) => void = console.log) {
    this.#print = print;
  }

  /** Runs `action`; its return value is the step's detail line. Throws (after reporting) when it fails. */
  async step(title: string, action: () => Promise<string>): Promise<void> {
    const number = this.steps.length + 1;
    const started = performance.now();
    try {
      const detail = await action();
      this.#record({ title, ok: true, ms: performance.now() - started, detail }, number);
    } catch (error) {
      const detail = error instanceof Error ? `${error.name}: ${error.message}` : "failed";
      this.#record({ title, ok: false, ms: performance.now() - started, detail }, number);
      throw new StepFailed(title, error);
    }
  }

  get ok(): boolean {
    return this.steps.every((s) => s.ok);
  }

  get totalMs(): number {
    return this.steps.reduce((sum, s) => sum + s.ms, 0);
  }

  #record(result: StepResult, number: number): void {
    this.steps.push(result);
    const mark = result.ok ? "ok  " : "FAIL";
    const time = `${result.ms.toFixed(0).padStart(5)} ms`;
    this.#print(`${String(number).padStart(2)}. [${mark}] ${time}  ${result.title}`);
    if (result.detail) this.#print(`                      ${result.detail}`);
  }
}

export class StepFailed extends Error {
  constructor(
    readonly step: string,
    cause: unknown,
  ) {
    super(`Step failed: ${step}`, { cause });
    this.name = "StepFailed";
  }
}
