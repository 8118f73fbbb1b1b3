/** A CBOR data item's head: major type and argument (RFC 8949 section 3), for arguments under 2^16. */
function cborHead(majorType: number, argument: number): Buffer {
  if (argument < 24) {
    return Buffer.from([(majorType << 5) | argument]);
  }
  if (argument < 256) {
    return Buffer.from([(majorType << 5) | 24, argument]);
  }
  const head = Buffer.alloc(3);
  head[0] = (majorType << 5) | 25;
  head.writeUInt16BE(argument, 1);
  return head;
}

function cborText(text: string): Buffer {
  const bytes = Buffer.from(text, "utf8");
  return Buffer.concat([cborHead(3, bytes.length), bytes]);
}

/**
 * A map of short texts as CBOR: all Kinesis's protocol errors need (`{"__type": "UnknownOperationException"}`,
 * kinesalite test/connection.js), written without loading the CBOR codec (coralCbor.ts), which only a request
 * with a CBOR body needs.
 */
export function cborTextMap(entries: Readonly<Record<string, string>>): Buffer {
  const pairs = Object.entries(entries);
  return Buffer.concat([cborHead(5, pairs.length), ...pairs.flatMap(([key, value]) => [cborText(key), cborText(value)])]);
}
