/**
 * A locations file parsed while it downloads: the download worker sends a copy of its parts through
 * a MessagePort, and the finder's worker parses them a few megabytes at a time, so that when the last
 * byte arrives nearly all of it is parsed (JSON.parse of the whole 70 MB of 100,000 locations took
 * 0.8 s after the download, before the map could show anything).
 *
 * Only the layout that `ess-feed build` and most writers produce is read this way: the document
 * opens with `{"type":"FeatureCollection","features":[` (spaces allowed), each feature opens with
 * `{"type":"Feature"` and the document ends with `]}`. The parts are cut just before a feature's
 * opening: that text can never be inside a JSON string (its quote would end the string and `type`
 * could not follow), so in a valid document every cut falls between two features, and every part
 * parsed alone gives exactly the features the whole document gives. A cut anywhere else (a feature
 * nested in properties, a broken file) makes a part fail to parse; then, as for any other layout,
 * the result is undefined and the caller parses the whole file as before.
 */

const OPENING = /^\s*\{\s*"type"\s*:\s*"FeatureCollection"\s*,\s*"features"\s*:\s*\[/;
const CUT = '{"type":"Feature"';
const CLOSING = /\]\s*\}\s*$/;
/** Parsed once this much text waits (a JSON.parse of about 15 ms here). */
const BATCH = 2 << 20;
/** Text without a cut this long: not the layout read here. */
const GIVE_UP = 32 << 20;

export class FeatureStream {
  private readonly decoder = new TextDecoder();
  private pending = '';
  private opened = false;
  private failed = false;
  private features: unknown[] = [];
  /** Bytes received so far. */
  bytes = 0;
  private finish!: (v: unknown[] | undefined) => void;
  /** Every feature of the file, once it ended; undefined when it cannot be read this way (see above). */
  readonly result = new Promise<unknown[] | undefined>((r) => (this.finish = r));

  /** A part of the file, in order. */
  add(part: ArrayBuffer): void {
    this.bytes += part.byteLength;
    if (this.failed) return;
    this.pending += this.decoder.decode(part, { stream: true });
    if (!this.opened) {
      const m = OPENING.exec(this.pending);
      if (!m) return void (this.pending.length > 4096 && this.fail());
      this.opened = true;
      this.pending = this.pending.slice(m[0].length);
    }
    if (this.pending.length < BATCH) return;
    const at = this.pending.lastIndexOf(CUT);
    if (at <= 0) return void (this.pending.length > GIVE_UP && this.fail());
    const batch = this.pending.slice(0, at).trimEnd();
    this.pending = this.pending.slice(at);
    // Between two features: the text before the cut ends with the comma that separates them.
    if (batch && !batch.endsWith(',')) return this.fail();
    if (batch) this.parse(batch.slice(0, -1));
  }

  /** The file ended: `complete` false when it did not arrive whole (the result is then undefined). */
  end(complete: boolean): void {
    if (this.failed) return;
    if (!complete || !this.opened) return this.fail();
    this.pending += this.decoder.decode();
    const m = CLOSING.exec(this.pending);
    if (!m) return this.fail();
    this.parse(this.pending.slice(0, m.index));
    this.pending = '';
    if (!this.failed) this.finish(this.features);
  }

  private parse(text: string): void {
    try {
      const list = JSON.parse(`[${text}]`) as unknown[];
      for (const f of list) this.features.push(f);
    } catch {
      this.fail();
    }
  }

  private fail(): void {
    this.failed = true;
    this.pending = '';
    this.features = [];
    this.finish(undefined);
  }
}
