import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * The page script is plain JavaScript served as is (no build step), checked by TypeScript
 * through its JSDoc types with the DOM library: dev/playground/web/tsconfig.json.
 */
describe("the playground page script", () => {
  it("type-checks against the DOM", () => {
    const configPath = path.resolve("dev/playground/web/tsconfig.json");
    const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(String(d.messageText)); } });
    expect(config?.errors ?? []).toEqual([]);
    const program = ts.createProgram(config!.fileNames, config!.options);
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file && d.start !== undefined ? `${path.basename(d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1} ` : "";
      return `${where}${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
    });
    expect(problems).toEqual([]);
  }, 30_000);
});
