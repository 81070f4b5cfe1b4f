// Audio deltas carry base64 PCM16LE. A server may cut a delta after an odd number of bytes; handing that
// on would split a sample and turn the rest of the reply into noise, so the odd byte waits for the next.

export class PcmAssembler {
  private carry: number | null = null;

  /** Decodes one delta; returns the whole samples available now (possibly empty), in a fresh buffer. */
  push(base64: string): Uint8Array<ArrayBuffer> {
    const decoded = Buffer.from(base64, 'base64');
    const total = decoded.length + (this.carry === null ? 0 : 1);
    const even = total - (total % 2);
    // A fresh ArrayBuffer per event: Buffer.from may return a view into a shared pool, which a
    // consumer that transfers or keeps `.buffer` must not see.
    const out = new Uint8Array(even);
    let offset = 0;
    if (this.carry !== null && even > 0) {
      out[0] = this.carry;
      this.carry = null;
      offset = 1;
    }
    const take = even - offset;
    out.set(decoded.subarray(0, take), offset);
    if (take < decoded.length) this.carry = decoded[take]!;
    return out;
  }

  /** A byte still waiting at the end of the stream is half a sample: it is dropped. */
  get pendingByte(): boolean {
    return this.carry !== null;
  }
}
