// Jest globalSetup: names this run, so that its teardown drops only the test databases it made (another
// jest run on the same server keeps its own). Workers inherit the variable.
export default function nameTestRun(): void {
  process.env.GAINSAY_TEST_RUN ??= `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}
