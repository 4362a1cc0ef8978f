import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { alternate, type Measured } from './alternate.ts';
import { compileProgram } from './compile-program.ts';
import { ensurePython, python, pythonProgram } from './python-start.ts';
import { resultRow, type BarResult, type ResultRow } from './result-row.ts';
import { summarize } from './stats.ts';
import { timedRun } from './timed-run.ts';

/** What the cold-start section needs. */
export interface ColdStartInput {
  /** The unpacked, compiled mock connector. */
  connector: string;
  /** The mock connector's source entry point, run with `bun`. */
  source: string;
  /** The repository root (the source run's working directory, for its tsconfig paths). */
  root: string;
  /** A scratch folder. */
  folder: string;
  rounds: number;
  say: (line: string) => void;
}

const validateRequest = JSON.stringify({ auth: { basic: { username: 'foo', password: 'bar' } }, request: {}, settings: { host: 'example.com' } });

/**
 * Cold start: the compiled mock connector's `info` and `validate_credentials` against compiled
 * programs printing the same bytes (the floors), plus the connector from source and Python for
 * context — all alternated in one loop.
 */
export async function coldStart(input: ColdStartInput): Promise<{ rows: ResultRow[]; bars: BarResult[] }> {
  const { connector, folder } = input;
  const infoText = (await timedRun([connector, 'info'])).stdout;
  const validateText = (await timedRun([connector, 'validate_credentials', '--json', validateRequest])).stdout;
  if (!validateText.includes('"valid":true')) throw new Error(`validate_credentials did not answer valid: ${validateText.slice(0, 200)}`);
  const floorInfo = await compileFloor(folder, 'floor-info', infoText);
  const floorValidate = await compileFloor(folder, 'floor-validate', validateText);
  const requestFile = join(folder, 'request.json');
  writeFileSync(requestFile, validateRequest);
  const resultFile = join(folder, 'result.gz');
  const floorFiles = await compileFileFloor(folder, 'floor-files', validateText);

  const ms =
    (command: string[], cwd?: string): Measured =>
    async () =>
      (await timedRun(command, cwd)).ms;
  const subjects: Record<string, Measured> = {
    'compiled info': ms([connector, 'info']),
    'floor: constant JSON, info size': ms([floorInfo]),
    'compiled validate_credentials': ms([connector, 'validate_credentials', '--json', validateRequest]),
    'floor: constant JSON, validate size': ms([floorValidate]),
    'compiled validate_credentials, agent style': ms([connector, 'validate_credentials', '--json-file', requestFile, '--result-file-path', resultFile]),
    'floor: request file in, gzip result file out': ms([floorFiles, requestFile, join(folder, 'floor-result.gz')]),
    'from source (bun) info': ms([process.execPath, input.source, 'info'], input.root),
    'from source (bun) validate_credentials': ms([process.execPath, input.source, 'validate_credentials', '--json', validateRequest], input.root),
  };
  const pythonReady = await ensurePython(input.say);
  if (pythonReady.ok) {
    const script = join(folder, 'python-start.py');
    writeFileSync(script, pythonProgram(infoText));
    subjects['python3 + pydantic + httpx, info size'] = ms([python, script]);
  }
  input.say(`cold start: ${Object.keys(subjects).length} commands × ${input.rounds} rounds, alternated`);
  const samples = await alternate(subjects, {
    rounds: input.rounds,
    warmup: 3,
    onRound: (round) => round % 10 === 0 && input.say(`  round ${round}/${input.rounds}`),
  });

  const notes: Record<string, string> = {
    'compiled info': `${infoText.length} B on stdout`,
    'floor: constant JSON, info size': 'Bun.write(Bun.stdout, …), same flags',
    'compiled validate_credentials': `--json inline, ${validateText.length} B on stdout`,
    'compiled validate_credentials, agent style': '--json-file, gzip --result-file-path',
    'floor: request file in, gzip result file out': 'reads and parses the request, writes the validate bytes gzipped, fsync and rename',
    'from source (bun) info': 'context',
    'from source (bun) validate_credentials': 'context',
    'python3 + pydantic + httpx, info size': 'context: lower bound of a Python connector',
  };
  const rows = Object.entries(samples).map(([name, values]) => resultRow('cold start', name, 'ms', summarize(values), notes[name]));
  if (!pythonReady.ok)
    rows.push({
      section: 'cold start',
      measure: 'python3 + pydantic + httpx, info size',
      unit: 'ms',
      median: Number.NaN,
      min: Number.NaN,
      max: Number.NaN,
      n: 0,
      note: `unavailable: ${pythonReady.reason}`,
    });
  const ratio = (a: string, b: string) => summarize(samples[a]!).median / summarize(samples[b]!).median;
  const bars: BarResult[] = [
    bar('cold start: compiled info / floor', ratio('compiled info', 'floor: constant JSON, info size'), 1.3),
    bar('cold start: compiled validate_credentials / floor', ratio('compiled validate_credentials', 'floor: constant JSON, validate size'), 1.5),
    bar('cold start: agent style / file floor', ratio('compiled validate_credentials, agent style', 'floor: request file in, gzip result file out'), 1.5),
  ];
  return { rows, bars };
}

function bar(name: string, measured: number, limit: number): BarResult {
  return { bar: name, measured, limit, met: measured <= limit, note: 'ratio of medians' };
}

/**
 * The agent style's floor: a program that reads and parses the request file, then writes the answer
 * gzipped to a temporary file beside the result path, fsyncs it and renames it over the result, with
 * Bun's built-ins — what the connector's `--json-file` / `--result-file-path` path does, and nothing else.
 */
async function compileFileFloor(folder: string, name: string, json: string): Promise<string> {
  const source = join(folder, `${name}.ts`);
  const program = [
    "import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';",
    'const [requestPath, resultPath] = process.argv.slice(2) as [string, string];',
    'JSON.parse(await Bun.file(requestPath).text());',
    `const compressed = Bun.gzipSync(new TextEncoder().encode(${JSON.stringify(json)}));`,
    'const temporary = `${resultPath}.${process.pid}.tmp`;',
    "const fd = openSync(temporary, 'w', 0o644);",
    'writeSync(fd, compressed);',
    'fsyncSync(fd);',
    'closeSync(fd);',
    'renameSync(temporary, resultPath);',
    '',
  ];
  writeFileSync(source, program.join('\n'));
  return compileProgram(source, join(folder, name));
}

async function compileFloor(folder: string, name: string, json: string): Promise<string> {
  const source = join(folder, `${name}.ts`);
  writeFileSync(source, `await Bun.write(Bun.stdout, ${JSON.stringify(json)});\n`);
  return compileProgram(source, join(folder, name));
}
