/**
 * Table-driven CRCs for S3's flexible checksums. Node's zlib.crc32 exists only from Node 22.2 and
 * has no CRC32C or CRC64NVME, so all three are here. Each hasher digests to big-endian bytes, which
 * S3 sends base64-encoded (`x-amz-checksum-crc32: 4waSgw==`).
 */

function table32(polynomial: number): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) {
      c = c & 1 ? (c >>> 1) ^ polynomial : c >>> 1;
    }
    table[n] = c >>> 0;
  }
  return table;
}

/** Reflected CRC-32 family (init and final xor all ones). */
class Crc32Hasher {
  private crc = 0xffffffff;

  constructor(private readonly table: Uint32Array) {}

  update(bytes: Uint8Array): void {
    const table = this.table;
    let crc = this.crc;
    for (let i = 0; i < bytes.length; i++) {
      crc = table[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
    }
    this.crc = crc;
  }

  digest(): Buffer {
    const out = Buffer.alloc(4);
    out.writeUInt32BE((this.crc ^ 0xffffffff) >>> 0);
    return out;
  }
}

const CRC32_TABLE = table32(0xedb88320);
const CRC32C_TABLE = table32(0x82f63b78);

export function createCrc32(): Crc32Hasher {
  return new Crc32Hasher(CRC32_TABLE);
}

export function createCrc32c(): Crc32Hasher {
  return new Crc32Hasher(CRC32C_TABLE);
}

/** CRC-64/NVME, reflected polynomial 0x9a6c9329ac4bc9b5, kept as two 32-bit halves (BigInt per byte is slow). */
const CRC64_HIGH = new Uint32Array(256);
const CRC64_LOW = new Uint32Array(256);
{
  const polyHigh = 0x9a6c9329;
  const polyLow = 0xac4bc9b5;
  for (let n = 0; n < 256; n++) {
    let high = 0;
    let low = n;
    for (let k = 0; k < 8; k++) {
      const carry = low & 1;
      low = ((low >>> 1) | ((high & 1) << 31)) >>> 0;
      high = high >>> 1;
      if (carry) {
        high = (high ^ polyHigh) >>> 0;
        low = (low ^ polyLow) >>> 0;
      }
    }
    CRC64_HIGH[n] = high;
    CRC64_LOW[n] = low;
  }
}

class Crc64NvmeHasher {
  private high = 0xffffffff;
  private low = 0xffffffff;

  update(bytes: Uint8Array): void {
    let high = this.high;
    let low = this.low;
    for (let i = 0; i < bytes.length; i++) {
      const index = (low ^ bytes[i]!) & 0xff;
      low = ((low >>> 8) | (high << 24)) ^ CRC64_LOW[index]!;
      high = (high >>> 8) ^ CRC64_HIGH[index]!;
    }
    this.high = high;
    this.low = low;
  }

  digest(): Buffer {
    const out = Buffer.alloc(8);
    out.writeUInt32BE((this.high ^ 0xffffffff) >>> 0, 0);
    out.writeUInt32BE((this.low ^ 0xffffffff) >>> 0, 4);
    return out;
  }
}

export function createCrc64Nvme(): Crc64NvmeHasher {
  return new Crc64NvmeHasher();
}
