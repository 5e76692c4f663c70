import chardet from 'chardet';
import iconv from 'iconv-lite';

/** Where a text's encoding came from: a byte-order mark, a declaration, valid UTF-8, or a guess. */
export type EncodingSource = 'bom' | 'declared' | 'utf-8' | 'detected';

/** Bytes decoded to text, with the encoding used. */
export interface DecodedText {
  readonly text: string;
  readonly encoding: string;
  readonly source: EncodingSource;
}

const BOMS: readonly (readonly [readonly number[], string])[] = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];

/** Only the head of a file is sniffed; a real declaration or a telling byte comes early. */
const SNIFF_BYTES = 64 * 1024;

/**
 * Decodes a text file or a saved page by its real encoding: a byte-order mark first, then a
 * declared charset (an HTML `<meta charset>` passed as `declared`), then strict UTF-8, and only
 * when the bytes are not UTF-8, chardet's statistical guess (ISO-8859-1 read as Windows-1252,
 * which is what browsers do, so curly quotes survive).
 */
export function decodeBytes(bytes: Uint8Array, declared?: string): DecodedText {
  for (const [mark, encoding] of BOMS)
    if (mark.every((byte, index) => bytes[index] === byte))
      return {
        text: iconv.decode(Buffer.from(bytes.subarray(mark.length)), encoding),
        encoding,
        source: 'bom',
      };
  const label = declared?.trim().toLowerCase();
  if (label && iconv.encodingExists(label) && !/^utf-?8$/.test(label))
    return {
      text: iconv.decode(Buffer.from(bytes), windowsFor(label)),
      encoding: windowsFor(label),
      source: 'declared',
    };
  try {
    return {
      text: new TextDecoder('utf-8', { fatal: true }).decode(bytes),
      encoding: 'utf-8',
      source: 'utf-8',
    };
  } catch {
    const guess = chardet.detect(bytes.subarray(0, SNIFF_BYTES)) ?? 'windows-1252';
    const encoding = iconv.encodingExists(guess) ? windowsFor(guess.toLowerCase()) : 'windows-1252';
    return { text: iconv.decode(Buffer.from(bytes), encoding), encoding, source: 'detected' };
  }
}

/** The charset a saved HTML page declares in its first bytes (`<meta charset>` or http-equiv). */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  return /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1];
}

// Browsers read Latin-1 labels as Windows-1252 (WHATWG Encoding), whose 0x80-0x9F are curly quotes and dashes.
function windowsFor(label: string): string {
  return /^(?:iso-?8859-1|latin-?1|us-ascii|ascii)$/.test(label) ? 'windows-1252' : label;
}
