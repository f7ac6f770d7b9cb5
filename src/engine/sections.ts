// The layout every file and stored model of the engine shares: four magic letters, then
// sections each as a u32 little-endian length and its bytes. Typed arrays go in raw, text as
// UTF-8, so loading is copying, not parsing.

export class SectionWriter {
  private readonly chunks: Buffer[] = [];

  constructor(private readonly magic: string) {}

  bytes(data: ArrayBufferView): void {
    const length = Buffer.alloc(4);
    length.writeUInt32LE(data.byteLength);
    this.chunks.push(length, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  }

  text(value: string): void {
    this.bytes(Buffer.from(value, 'utf8'));
  }

  toBuffer(): Buffer {
    return Buffer.concat([Buffer.from(this.magic, 'latin1'), ...this.chunks]);
  }
}

export class SectionReader {
  private offset: number;

  /** `what` names the data in errors, e.g. a file's path. */
  constructor(
    private readonly buffer: Buffer,
    magic: string,
    private readonly what: string,
  ) {
    if (buffer.subarray(0, magic.length).toString('latin1') !== magic) throw new Error(`${what}: not a paperscout ${describe(magic)}`);
    this.offset = magic.length;
  }

  /** A copy, so typed arrays over it are aligned whatever the Buffer's offset in its pool. */
  bytes(): ArrayBuffer {
    if (this.offset + 4 > this.buffer.length) throw new Error(`${this.what}: cut short at byte ${this.offset}`);
    const length = this.buffer.readUInt32LE(this.offset);
    if (this.offset + 4 + length > this.buffer.length) throw new Error(`${this.what}: cut short at byte ${this.offset}`);
    const start = this.buffer.byteOffset + this.offset + 4;
    this.offset += 4 + length;
    return this.buffer.buffer.slice(start, start + length) as ArrayBuffer;
  }

  text(): string {
    return Buffer.from(this.bytes()).toString('utf8');
  }

  json<T>(): T {
    return JSON.parse(this.text()) as T;
  }
}

/** Newline-joined text back into its lines (none for an empty section). */
export const lines = (text: string): string[] => (text ? text.split('\n') : []);

const KINDS: Record<string, string> = { PSRM: 'relevance model', PSBG: 'background model', PSFI: 'feature index' };
const describe = (magic: string) => KINDS[magic] ?? 'file';
