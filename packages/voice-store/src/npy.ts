import { STYLE_DIM, VOICE_PACK_ROWS, VoiceError } from '@kokoro-kit/core';
import { floatsFromLittleEndian } from './voice-pack';

/**
 * numpy `.npy` reader for voice packs: format versions 1, 2 and 3, little-endian float32
 * (`<f4`), C order, shape (510, 1, 256) or (510, 256). Everything else is refused with an error
 * that names the file and the problem, rather than guessing a layout.
 */

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/** True if the bytes start with the `.npy` magic string. */
export function isNpy(bytes: Uint8Array): boolean {
  return bytes.length >= MAGIC.length && MAGIC.every((b, i) => bytes[i] === b);
}

export interface NpyHeader {
  descr: string;
  fortranOrder: boolean;
  shape: number[];
  /** Byte offset of the array data. */
  dataOffset: number;
}

function invalid(where: string, problem: string): VoiceError {
  return new VoiceError('INVALID_VOICE_FILE', `${where}: ${problem}`);
}

/** Reads and checks the header of a `.npy` file. `where` names it in errors (e.g. `voices.npz: entry 'af_heart.npy'`). */
export function readNpyHeader(bytes: Uint8Array, where: string): NpyHeader {
  if (!isNpy(bytes)) throw invalid(where, 'not a .npy array (missing the \\x93NUMPY magic string).');
  if (bytes.length < 10) throw invalid(where, '.npy header is truncated.');
  const major = bytes[6]!;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerLength: number;
  let headerStart: number;
  if (major === 1) {
    headerLength = dv.getUint16(8, true);
    headerStart = 10;
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) throw invalid(where, '.npy header is truncated.');
    headerLength = dv.getUint32(8, true);
    headerStart = 12;
  } else {
    throw invalid(
      where,
      `.npy format version ${major}.${bytes[7]} is not supported (only 1.x, 2.x and 3.x).`,
    );
  }
  const dataOffset = headerStart + headerLength;
  if (dataOffset > bytes.length) throw invalid(where, '.npy header is truncated.');
  const text = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(
    bytes.subarray(headerStart, dataOffset),
  );
  let dict: unknown;
  try {
    dict = new LiteralParser(text).parseDocument();
  } catch (error) {
    throw invalid(
      where,
      `.npy header is not a Python dict literal (${(error as Error).message}): ${text.trim()}`,
    );
  }
  if (!(dict instanceof Map)) throw invalid(where, `.npy header is not a dict: ${text.trim()}`);
  const descr = dict.get('descr');
  const fortranOrder = dict.get('fortran_order');
  const shape = dict.get('shape');
  if (typeof descr !== 'string') throw invalid(where, ".npy header has no string 'descr'.");
  if (typeof fortranOrder !== 'boolean') throw invalid(where, ".npy header has no boolean 'fortran_order'.");
  if (!Array.isArray(shape) || !shape.every((d) => typeof d === 'number')) {
    throw invalid(where, ".npy header has no integer tuple 'shape'.");
  }
  return { descr, fortranOrder, shape: shape as number[], dataOffset };
}

/**
 * The float32 pack stored in a `.npy` file (a fresh copy). Checks dtype, order, shape and the
 * exact data length.
 */
export function parseNpyVoice(bytes: Uint8Array, where: string): Float32Array {
  const header = readNpyHeader(bytes, where);
  if (header.descr !== '<f4') {
    const hint = header.descr === '>f4' ? ' (big-endian)' : header.descr.endsWith('f8') ? ' (float64)' : '';
    throw invalid(
      where,
      `dtype '${header.descr}'${hint} is not little-endian float32 ('<f4'). Convert it with arr.astype('<f4').`,
    );
  }
  if (header.fortranOrder) {
    throw invalid(where, 'array is in Fortran order; save it in C order (np.ascontiguousarray).');
  }
  const shape = header.shape;
  const okShape =
    (shape.length === 3 && shape[0] === VOICE_PACK_ROWS && shape[1] === 1 && shape[2] === STYLE_DIM) ||
    (shape.length === 2 && shape[0] === VOICE_PACK_ROWS && shape[1] === STYLE_DIM);
  if (!okShape) {
    throw invalid(
      where,
      `shape (${shape.join(', ')}) is not a Kokoro v1.0 voice pack; expected (${VOICE_PACK_ROWS}, 1, ${STYLE_DIM}) or (${VOICE_PACK_ROWS}, ${STYLE_DIM}).`,
    );
  }
  const expected = VOICE_PACK_ROWS * STYLE_DIM * 4;
  const actual = bytes.length - header.dataOffset;
  if (actual !== expected) {
    throw invalid(
      where,
      `.npy data is ${actual} bytes; shape (${shape.join(', ')}) float32 needs ${expected} bytes.`,
    );
  }
  return floatsFromLittleEndian(bytes.subarray(header.dataOffset));
}

type Literal = string | number | boolean | null | Literal[] | Map<string, Literal>;

/** Parses the Python literals numpy writes in `.npy` headers: dicts, tuples, strings, ints, booleans, None. */
class LiteralParser {
  private pos = 0;
  constructor(private readonly text: string) {}

  parseDocument(): Literal {
    const value = this.value();
    this.skipSpace();
    if (this.pos !== this.text.length) throw new Error(`unexpected '${this.text[this.pos]}' at ${this.pos}`);
    return value;
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }

  private value(): Literal {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === '{') return this.dict();
    if (c === '(' || c === '[') return this.sequence(c === '(' ? ')' : ']');
    if (c === "'" || c === '"') return this.string();
    const word = /^(?:True|False|None|-?\d+L?)/.exec(this.text.slice(this.pos));
    if (!word) throw new Error(`unexpected '${c ?? 'end'}' at ${this.pos}`);
    this.pos += word[0].length;
    if (word[0] === 'True') return true;
    if (word[0] === 'False') return false;
    if (word[0] === 'None') return null;
    return Number.parseInt(word[0], 10);
  }

  private expect(char: string): void {
    this.skipSpace();
    if (this.text[this.pos] !== char) throw new Error(`expected '${char}' at ${this.pos}`);
    this.pos++;
  }

  /** Consumes `close` (returning true) or a comma followed by optional `close`. */
  private separatorOrClose(close: string): boolean {
    this.skipSpace();
    if (this.text[this.pos] === close) {
      this.pos++;
      return true;
    }
    this.expect(',');
    this.skipSpace();
    if (this.text[this.pos] === close) {
      this.pos++;
      return true;
    }
    return false;
  }

  private dict(): Map<string, Literal> {
    this.expect('{');
    const map = new Map<string, Literal>();
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return map;
    }
    for (;;) {
      const key = this.value();
      if (typeof key !== 'string') throw new Error('dict keys must be strings');
      this.expect(':');
      map.set(key, this.value());
      if (this.separatorOrClose('}')) return map;
    }
  }

  private sequence(close: string): Literal[] {
    this.pos++;
    const items: Literal[] = [];
    this.skipSpace();
    if (this.text[this.pos] === close) {
      this.pos++;
      return items;
    }
    for (;;) {
      items.push(this.value());
      if (this.separatorOrClose(close)) return items;
    }
  }

  private string(): string {
    const quote = this.text[this.pos]!;
    const end = this.text.indexOf(quote, this.pos + 1);
    if (end < 0) throw new Error(`unterminated string at ${this.pos}`);
    const value = this.text.slice(this.pos + 1, end);
    if (value.includes('\\')) throw new Error('escaped strings are not supported');
    this.pos = end + 1;
    return value;
  }
}
