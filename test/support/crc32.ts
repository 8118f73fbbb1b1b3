/**
 * Reference CRCs for the checksum tests, written from their definitions bit by bit (slow, plain), so the
 * emulator's table-driven ones are checked against something other than themselves and the SDK.
 */
function reflectedCrc32(polynomial: number, bytes: Uint8Array): Buffer {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 1 ? (crc >>> 1) ^ polynomial : crc >>> 1;
    }
  }
  const out = Buffer.alloc(4);
  out.writeUInt32BE((crc ^ 0xffffffff) >>> 0);
  return out;
}

export function crc32(bytes: Uint8Array): Buffer {
  return reflectedCrc32(0xedb88320, bytes);
}

export function crc32c(bytes: Uint8Array): Buffer {
  return reflectedCrc32(0x82f63b78, bytes);
}

export function crc64nvme(bytes: Uint8Array): Buffer {
  const polynomial = 0x9a6c9329ac4bc9b5n;
  let crc = 0xffffffffffffffffn;
  for (const byte of bytes) {
    crc ^= BigInt(byte);
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 1n ? (crc >> 1n) ^ polynomial : crc >> 1n;
    }
  }
  const out = Buffer.alloc(8);
  out.writeBigUInt64BE(crc ^ 0xffffffffffffffffn);
  return out;
}
