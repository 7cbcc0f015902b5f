/**
 * A small, safe pickle reader: the protocol 2–5 opcodes that `torch.save` emits, and no code
 * execution. Like Python's `Unpickler`, it asks the caller to resolve globals (`findClass`) and
 * persistent ids (`persistentLoad`); REDUCE calls only the functions `findClass` returned. Any
 * other global or opcode is an error naming it and its byte position.
 */

/** A Python tuple (kept apart from lists so callers can tell them apart). */
export class PickleTuple {
  constructor(readonly items: readonly PickleValue[]) {}
}

/** A callable handed out by `findClass`; REDUCE calls it with the tuple's items. */
export type PickleCallable = (args: readonly PickleValue[]) => PickleValue;

/** An object `findClass` may return for a global that is used as a value (e.g. `torch.FloatStorage`). */
export class PickleGlobal {
  constructor(
    readonly module: string,
    readonly name: string,
    /** Present when the global may be called by REDUCE. */
    readonly call?: PickleCallable,
  ) {}
  get qualifiedName(): string {
    return `${this.module}.${this.name}`;
  }
}

export type PickleValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | PickleValue[]
  | PickleTuple
  | Map<PickleValue, PickleValue>
  | PickleGlobal
  | { readonly [key: string]: unknown };

export interface PickleReadOptions {
  /** Resolves `module.name` globals; throw (or return undefined) to refuse one. */
  findClass(module: string, name: string): PickleGlobal | undefined;
  /** Resolves a BINPERSID id (torch: `('storage', FloatStorage, key, location, numel)`). */
  persistentLoad(pid: PickleValue): PickleValue;
  /** Applies BUILD state to an object; when absent, BUILD is refused. */
  build?(target: PickleValue, state: PickleValue): PickleValue;
}

/** Raised for malformed or unsupported pickles; callers wrap it in a typed error. */
export class PickleError extends Error {
  override name = 'PickleError';
}

const MARK = Symbol('mark');
type StackItem = PickleValue | typeof MARK;

const OPCODE_NAMES: Record<number, string> = {
  99: 'GLOBAL',
  105: 'INST',
  111: 'OBJ',
  129: 'NEWOBJ',
  146: 'NEWOBJ_EX',
  73: 'INT',
  76: 'LONG',
  70: 'FLOAT',
  83: 'STRING',
  86: 'UNICODE',
  80: 'PERSID',
  103: 'GET',
  112: 'PUT',
  143: 'EMPTY_SET',
  144: 'ADDITEMS',
  145: 'FROZENSET',
  130: 'EXT1',
  131: 'EXT2',
  132: 'EXT4',
  150: 'BYTEARRAY8',
  151: 'NEXT_BUFFER',
  152: 'READONLY_BUFFER',
};

/** Runs the pickle program in `bytes` and returns the value STOP leaves on the stack. */
export function readPickle(bytes: Uint8Array, options: PickleReadOptions): PickleValue {
  return new PickleMachine(bytes, options).run();
}

class PickleMachine {
  private pos = 0;
  private stack: StackItem[] = [];
  private readonly memo = new Map<number, PickleValue>();
  private readonly dv: DataView;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  constructor(
    private readonly bytes: Uint8Array,
    private readonly options: PickleReadOptions,
  ) {
    this.dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  run(): PickleValue {
    while (this.pos < this.bytes.length) {
      const at = this.pos;
      const op = this.bytes[this.pos++]!;
      if (op === 0x2e /* STOP '.' */) {
        if (this.stack.length !== 1)
          throw new PickleError(`STOP at byte ${at} with ${this.stack.length} stack items.`);
        return this.popValue(at);
      }
      this.step(op, at);
    }
    throw new PickleError('the pickle ends without a STOP opcode (truncated).');
  }

  private step(op: number, at: number): void {
    switch (op) {
      case 0x80: // PROTO
        this.take(1, at);
        return;
      case 0x95: // FRAME: frames are an I/O hint; the data is inline.
        this.take(8, at);
        return;
      case 0x28: // MARK '('
        this.stack.push(MARK);
        return;
      case 0x4e: // NONE 'N'
        this.stack.push(null);
        return;
      case 0x88: // NEWTRUE
        this.stack.push(true);
        return;
      case 0x89: // NEWFALSE
        this.stack.push(false);
        return;
      case 0x4a: // BININT 'J'
        this.stack.push(this.dv.getInt32(this.offsetOf(4, at), true));
        return;
      case 0x4b: // BININT1 'K'
        this.stack.push(this.dv.getUint8(this.offsetOf(1, at)));
        return;
      case 0x4d: // BININT2 'M'
        this.stack.push(this.dv.getUint16(this.offsetOf(2, at), true));
        return;
      case 0x8a: // LONG1
        this.stack.push(this.long(this.take(this.dv.getUint8(this.offsetOf(1, at)), at)));
        return;
      case 0x8b: // LONG4
        this.stack.push(this.long(this.take(this.dv.getInt32(this.offsetOf(4, at), true), at)));
        return;
      case 0x47: // BINFLOAT 'G' (big-endian double)
        this.stack.push(this.dv.getFloat64(this.offsetOf(8, at), false));
        return;
      case 0x58: // BINUNICODE 'X'
        this.stack.push(this.text(this.take(this.dv.getUint32(this.offsetOf(4, at), true), at), at));
        return;
      case 0x8c: // SHORT_BINUNICODE
        this.stack.push(this.text(this.take(this.dv.getUint8(this.offsetOf(1, at)), at), at));
        return;
      case 0x8d: // BINUNICODE8
        this.stack.push(this.text(this.take(this.u64(at), at), at));
        return;
      case 0x42: // BINBYTES 'B'
        this.stack.push(this.take(this.dv.getUint32(this.offsetOf(4, at), true), at).slice());
        return;
      case 0x43: // SHORT_BINBYTES 'C'
        this.stack.push(this.take(this.dv.getUint8(this.offsetOf(1, at)), at).slice());
        return;
      case 0x8e: // BINBYTES8
        this.stack.push(this.take(this.u64(at), at).slice());
        return;
      case 0x29: // EMPTY_TUPLE ')'
        this.stack.push(new PickleTuple([]));
        return;
      case 0x74: // TUPLE 't'
        this.stack.push(new PickleTuple(this.popMark(at)));
        return;
      case 0x85: // TUPLE1
      case 0x86: // TUPLE2
      case 0x87: {
        // TUPLE3
        const n = op - 0x84;
        const items: PickleValue[] = [];
        for (let i = 0; i < n; i++) items.unshift(this.popValue(at));
        this.stack.push(new PickleTuple(items));
        return;
      }
      case 0x5d: // EMPTY_LIST ']'
        this.stack.push([]);
        return;
      case 0x6c: // LIST 'l'
        this.stack.push(this.popMark(at));
        return;
      case 0x61: {
        // APPEND 'a'
        const item = this.popValue(at);
        this.listAt(at).push(item);
        return;
      }
      case 0x65: {
        // APPENDS 'e'
        const items = this.popMark(at);
        this.listAt(at).push(...items);
        return;
      }
      case 0x7d: // EMPTY_DICT '}'
        this.stack.push(new Map());
        return;
      case 0x64: // DICT 'd'
        this.stack.push(this.pairs(new Map(), this.popMark(at), at));
        return;
      case 0x73: {
        // SETITEM 's'
        const value = this.popValue(at);
        const key = this.popValue(at);
        this.dictAt(at).set(key, value);
        return;
      }
      case 0x75: {
        // SETITEMS 'u'
        const items = this.popMark(at);
        this.pairs(this.dictAt(at), items, at);
        return;
      }
      case 0x30: // POP '0'
        this.stack.pop();
        return;
      case 0x31: // POP_MARK '1'
        this.popMark(at);
        return;
      case 0x32: // DUP '2'
        this.stack.push(this.peek(at));
        return;
      case 0x71: // BINPUT 'q'
        this.memo.set(this.dv.getUint8(this.offsetOf(1, at)), this.peek(at));
        return;
      case 0x72: // LONG_BINPUT 'r'
        this.memo.set(this.dv.getUint32(this.offsetOf(4, at), true), this.peek(at));
        return;
      case 0x94: // MEMOIZE
        this.memo.set(this.memo.size, this.peek(at));
        return;
      case 0x68: // BINGET 'h'
        this.stack.push(this.memoGet(this.dv.getUint8(this.offsetOf(1, at)), at));
        return;
      case 0x6a: // LONG_BINGET 'j'
        this.stack.push(this.memoGet(this.dv.getUint32(this.offsetOf(4, at), true), at));
        return;
      case 0x63: {
        // GLOBAL 'c': "module\nname\n"
        const module = this.line(at);
        const name = this.line(at);
        this.stack.push(this.global(module, name, at));
        return;
      }
      case 0x93: {
        // STACK_GLOBAL
        const name = this.popValue(at);
        const module = this.popValue(at);
        if (typeof module !== 'string' || typeof name !== 'string') {
          throw new PickleError(`STACK_GLOBAL at byte ${at} needs two strings.`);
        }
        this.stack.push(this.global(module, name, at));
        return;
      }
      case 0x51: // BINPERSID 'Q'
        this.stack.push(this.options.persistentLoad(this.popValue(at)));
        return;
      case 0x52: {
        // REDUCE 'R'
        const args = this.popValue(at);
        const callable = this.popValue(at);
        if (!(callable instanceof PickleGlobal) || callable.call === undefined) {
          throw new PickleError(`REDUCE at byte ${at} calls something that is not an allowed callable.`);
        }
        if (!(args instanceof PickleTuple))
          throw new PickleError(`REDUCE at byte ${at} needs an argument tuple.`);
        this.stack.push(callable.call(args.items));
        return;
      }
      case 0x62: {
        // BUILD 'b'
        const state = this.popValue(at);
        const target = this.popValue(at);
        if (this.options.build === undefined)
          throw new PickleError(`BUILD at byte ${at} is not supported here.`);
        this.stack.push(this.options.build(target, state));
        return;
      }
      default: {
        const name = OPCODE_NAMES[op];
        const shown = `0x${op.toString(16).padStart(2, '0')}${name === undefined ? '' : ` (${name})`}`;
        throw new PickleError(`unsupported pickle opcode ${shown} at byte ${at}.`);
      }
    }
  }

  /** Advances past `n` argument bytes and returns the offset where they start. */
  private offsetOf(n: number, at: number): number {
    if (this.pos + n > this.bytes.length)
      throw new PickleError(`opcode at byte ${at} runs past the end (truncated).`);
    const start = this.pos;
    this.pos += n;
    return start;
  }

  private take(n: number, at: number): Uint8Array {
    if (n < 0) throw new PickleError(`negative length at byte ${at}.`);
    const start = this.offsetOf(n, at);
    return this.bytes.subarray(start, start + n);
  }

  private u64(at: number): number {
    const value = this.dv.getBigUint64(this.offsetOf(8, at), true);
    if (value > BigInt(this.bytes.length))
      throw new PickleError(`length at byte ${at} is larger than the pickle.`);
    return Number(value);
  }

  private text(bytes: Uint8Array, at: number): string {
    try {
      return this.decoder.decode(bytes);
    } catch {
      throw new PickleError(`invalid UTF-8 string at byte ${at}.`);
    }
  }

  private line(at: number): string {
    const end = this.bytes.indexOf(0x0a, this.pos);
    if (end < 0) throw new PickleError(`GLOBAL at byte ${at} is not newline-terminated (truncated?).`);
    const value = this.text(this.bytes.subarray(this.pos, end), at);
    this.pos = end + 1;
    return value;
  }

  /** Little-endian two's complement, as LONG1/LONG4 store it; a JS number when it is safe. */
  private long(bytes: Uint8Array): number | bigint {
    let value = 0n;
    for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]!);
    if (bytes.length > 0 && bytes[bytes.length - 1]! & 0x80) value -= 1n << BigInt(bytes.length * 8);
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(value)
      : value;
  }

  private global(module: string, name: string, at: number): PickleGlobal {
    const resolved = this.options.findClass(module, name);
    if (resolved === undefined)
      throw new PickleError(`unsupported global '${module}.${name}' at byte ${at}.`);
    return resolved;
  }

  private memoGet(index: number, at: number): PickleValue {
    if (!this.memo.has(index)) throw new PickleError(`memo ${index} read at byte ${at} was never stored.`);
    return this.memo.get(index)!;
  }

  private peek(at: number): PickleValue {
    const top = this.stack[this.stack.length - 1];
    if (top === undefined || top === MARK)
      throw new PickleError(`opcode at byte ${at} needs a value on the stack.`);
    return top;
  }

  private popValue(at: number): PickleValue {
    const top = this.stack.pop();
    if (top === undefined || top === MARK)
      throw new PickleError(`opcode at byte ${at} needs a value on the stack.`);
    return top;
  }

  private popMark(at: number): PickleValue[] {
    const mark = this.stack.lastIndexOf(MARK);
    if (mark < 0) throw new PickleError(`opcode at byte ${at} needs a MARK.`);
    const items = this.stack.splice(mark) as PickleValue[];
    items.shift();
    return items;
  }

  private listAt(at: number): PickleValue[] {
    const top = this.peek(at);
    if (!Array.isArray(top)) throw new PickleError(`APPEND at byte ${at} targets a non-list.`);
    return top;
  }

  private dictAt(at: number): Map<PickleValue, PickleValue> {
    const top = this.peek(at);
    if (!(top instanceof Map)) throw new PickleError(`SETITEM at byte ${at} targets a non-dict.`);
    return top;
  }

  private pairs(
    map: Map<PickleValue, PickleValue>,
    items: PickleValue[],
    at: number,
  ): Map<PickleValue, PickleValue> {
    if (items.length % 2 !== 0) throw new PickleError(`odd number of dict items at byte ${at}.`);
    for (let i = 0; i < items.length; i += 2) map.set(items[i]!, items[i + 1]!);
    return map;
  }
}
