import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

/** Why {@link readBounded} refused a file: `ENOTREG` (a device, pipe or folder) or `EFBIG` (too large). */
export class BoundedReadError extends Error {
  override readonly name = 'BoundedReadError';
  constructor(
    readonly code: 'ENOTREG' | 'EFBIG',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads a regular file of at most `maxBytes`, bounded while it reads: a device (`/dev/zero`), a
 * pipe or a folder is refused before a byte is read (opened non-blocking, so a FIFO cannot hang
 * the open), and no more than `maxBytes + 1` bytes are ever read, even from a file that grows.
 * File-system errors (ENOENT, EACCES...) are thrown as they are.
 */
export async function readBounded(file: string, maxBytes: number): Promise<Buffer> {
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new BoundedReadError('ENOTREG', 'not a regular file');
    if (info.size > maxBytes) throw new BoundedReadError('EFBIG', `too large (${info.size} bytes)`);
    const buffer = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === buffer.length) {
        if (length > maxBytes) throw new BoundedReadError('EFBIG', `too large (over ${maxBytes} bytes)`);
        return Buffer.concat([buffer, await readRest(handle, maxBytes - length + 1)]);
      }
    }
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

/** A file that grew since it was measured: read on, still within the bound. */
async function readRest(handle: FileHandle, left: number): Promise<Buffer> {
  const extra = Buffer.alloc(left);
  let length = 0;
  for (;;) {
    const { bytesRead } = await handle.read(extra, length, extra.length - length, null);
    if (bytesRead === 0) return extra.subarray(0, length);
    length += bytesRead;
    if (length >= left) throw new BoundedReadError('EFBIG', 'too large (it grew while being read)');
  }
}
