import { readFileSync } from 'node:fs';

/** What `bun build --compile` appends to its runtime in the `.bun` section, before anything runs. */
const trailer = '\n---- Bun! ----\n';
/**
 * Bun's `StandaloneModuleGraph.Offsets`, just before the trailer (Bun 1.4.5): byte_count u64,
 * modules_ptr {offset u32, length u32}, entry_point_id u32, compile_exec_argv_ptr {offset u32,
 * length u32}, flags u32.
 */
const offsetsBytes = 32;
const execArgvPointerAt = 20;

/**
 * Reads the options `bun build --compile` built into an executable (`--compile-exec-argv`, the
 * `compile.execArgv` of `Bun.build`) without running it, so a Windows build can be checked on Linux.
 * The compiled program lives in a section named `.bun` — of the PE for Windows, of the ELF for
 * Linux — holding a u64 length, the module graph, its offsets and a trailer; the offsets point at
 * the exec-argv string. Any other layout throws, so a Bun upgrade that changes it fails loudly.
 */
export function embeddedExecArgv(path: string): string[] {
  const file = readFileSync(path);
  const section = bunSection(file, path);
  const payloadBytes = Number(section.readBigUInt64LE(0));
  if (payloadBytes === 0) throw new Error(`${path}: the .bun section is empty; is it a bun build --compile executable, or the bare runtime?`);
  const payload = section.subarray(8, 8 + payloadBytes);
  if (payload.length !== payloadBytes || payload.subarray(payload.length - trailer.length).toString('latin1') !== trailer) {
    throw new Error(`${path}: the .bun section does not end with Bun's trailer; has the layout changed?`);
  }
  const offsets = payload.subarray(payload.length - trailer.length - offsetsBytes, payload.length - trailer.length);
  const graphBytes = Number(offsets.readBigUInt64LE(0));
  if (graphBytes + offsetsBytes + trailer.length !== payload.length) {
    throw new Error(
      `${path}: the .bun section's offsets do not add up (${graphBytes} + ${offsetsBytes} + ${trailer.length} ≠ ${payload.length}); has the layout changed?`,
    );
  }
  const start = offsets.readUInt32LE(execArgvPointerAt);
  const length = offsets.readUInt32LE(execArgvPointerAt + 4);
  if (start + length > graphBytes) throw new Error(`${path}: the exec-argv pointer (${start}+${length}) is outside the module graph`);
  const text = payload.subarray(start, start + length).toString('utf8');
  return text.split(/\s+/).filter(Boolean);
}

/** The bytes of the `.bun` section of a PE or ELF64 file. */
function bunSection(file: Buffer, path: string): Buffer {
  const sections: { name: string; offset: number; size: number }[] = [];
  if (file.toString('latin1', 0, 2) === 'MZ') {
    const pe = file.readUInt32LE(0x3c);
    if (file.toString('latin1', pe, pe + 4) !== 'PE\0\0') throw new Error(`${path}: an MZ file without a PE header`);
    const count = file.readUInt16LE(pe + 6);
    const table = pe + 24 + file.readUInt16LE(pe + 20);
    for (let index = 0; index < count; index++) {
      const header = table + index * 40;
      sections.push({
        name: file.toString('latin1', header, header + 8).replace(/\0+$/, ''),
        size: file.readUInt32LE(header + 16),
        offset: file.readUInt32LE(header + 20),
      });
    }
  } else if (file.toString('latin1', 0, 4) === '\x7fELF' && file[4] === 2) {
    const headersAt = Number(file.readBigUInt64LE(0x28));
    const headerBytes = file.readUInt16LE(0x3a);
    const count = file.readUInt16LE(0x3c);
    const names = headersAt + file.readUInt16LE(0x3e) * headerBytes;
    const namesAt = Number(file.readBigUInt64LE(names + 0x18));
    for (let index = 0; index < count; index++) {
      const header = headersAt + index * headerBytes;
      const nameAt = namesAt + file.readUInt32LE(header);
      sections.push({
        name: file.toString('latin1', nameAt, file.indexOf(0, nameAt)),
        offset: Number(file.readBigUInt64LE(header + 0x18)),
        size: Number(file.readBigUInt64LE(header + 0x20)),
      });
    }
  } else {
    throw new Error(`${path} is neither a PE nor an ELF64 executable`);
  }
  const bun = sections.find((section) => section.name === '.bun');
  if (bun === undefined) throw new Error(`${path} has no .bun section: is it a bun build --compile executable?`);
  return file.subarray(bun.offset, bun.offset + bun.size);
}
