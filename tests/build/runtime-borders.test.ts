/**
 * The tsconfig per runtime is only worth something if it can fail. Each case compiles one small
 * fixture, written to a temporary folder, with the compiler options of a real tsconfig of this repo
 * (read through the TypeScript API, so a change to that tsconfig changes the outcome) and expects
 * the compiler to refuse what that runtime does not have: `document` outside the DOM configs, and
 * Node's `Buffer` and `require('fs')` in the runtime-neutral shared schema. Control cases compile
 * the same fixtures under the configs that do have DOM or Node, so a broken harness cannot pass.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'countersign-borders-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** "Cannot find name …" in its variants: plain, "change your lib to include dom", "install @types/node". */
const CANNOT_FIND_NAME = [2304, 2580, 2584, 2591];

const FIXTURES = {
  document: 'export const title: string = document.title;\n',
  buffer: "export const bytes = Buffer.from('abc').length;\n",
  requireFs: "export const fs = require('fs');\n",
  nodeImport: "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
} as const;
type Fixture = keyof typeof FIXTURES;

/** Lib and @types files parse once for all cases; only the fixture differs. */
const parsed = new Map<string, ts.SourceFile | undefined>();

function optionsOf(config: string): ts.CompilerOptions {
  const host: ts.ParseConfigFileHost = {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  };
  const cmd = ts.getParsedCommandLineOfConfigFile(join(ROOT, config), {}, host);
  if (!cmd) throw new Error(`cannot read ${config}`);
  return cmd.options;
}

/** The semantic errors of compiling one fixture with the options of `config`. */
function compile(config: string, fixture: Fixture): ts.Diagnostic[] {
  const file = join(dir, `${fixture}.ts`);
  writeFileSync(file, FIXTURES[fixture]);
  const options = optionsOf(config);
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, onError, fresh) => {
    if (name.startsWith(dir)) return getSourceFile(name, version, onError, fresh);
    if (!parsed.has(name)) parsed.set(name, getSourceFile(name, version, onError, fresh));
    return parsed.get(name);
  };
  const program = ts.createProgram({ rootNames: [file], options, host });
  const mine = (d: ts.Diagnostic) => d.file?.fileName === file;
  return [...program.getSyntacticDiagnostics(), ...program.getSemanticDiagnostics()].filter(mine);
}

const describeErrors = (errors: ts.Diagnostic[]) =>
  errors.map((d) => `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);

/** Expects exactly the "cannot find" error for `name` and nothing else. */
function expectRefused(errors: ts.Diagnostic[], name: string, codes = CANNOT_FIND_NAME): void {
  expect(describeErrors(errors)).toHaveLength(1);
  expect(codes).toContain(errors[0]!.code);
  expect(ts.flattenDiagnosticMessageText(errors[0]!.messageText, ' ')).toContain(`'${name}'`);
}

describe('the compiler keeps each runtime to its own globals', () => {
  it('shared/ (runtime-neutral) refuses document', () => {
    expectRefused(compile('shared/tsconfig.json', 'document'), 'document');
  });

  it('shared/ refuses Node’s Buffer', () => {
    expectRefused(compile('shared/tsconfig.json', 'buffer'), 'Buffer');
  });

  it('shared/ refuses require(\'fs\')', () => {
    expectRefused(compile('shared/tsconfig.json', 'requireFs'), 'require');
  });

  it('shared/ refuses an import of node:fs', () => {
    expectRefused(compile('shared/tsconfig.json', 'nodeImport'), 'node:fs', [2307]);
  });

  it('the root config (Node: server and build configs) refuses document', () => {
    expectRefused(compile('tsconfig.json', 'document'), 'document');
  });

  it('the service worker (WebWorker) refuses document', () => {
    expectRefused(compile('sw/tsconfig.json', 'document'), 'document');
  });

  it('the app (DOM) refuses Node’s Buffer', () => {
    expectRefused(compile('src/tsconfig.json', 'buffer'), 'Buffer');
  });
});

describe('the same fixtures compile where the runtime has them (the harness can pass)', () => {
  it('the root config accepts Buffer and node:fs', () => {
    expect(describeErrors(compile('tsconfig.json', 'buffer'))).toEqual([]);
    expect(describeErrors(compile('tsconfig.json', 'nodeImport'))).toEqual([]);
  });

  it('the app and the browser-facing tests accept document', () => {
    expect(describeErrors(compile('src/tsconfig.json', 'document'))).toEqual([]);
    expect(describeErrors(compile('tests/tsconfig.json', 'document'))).toEqual([]);
  });
});
