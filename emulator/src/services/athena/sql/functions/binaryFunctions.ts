import { call, fail, scalar } from "./define";
import type { FunctionSignature } from "./FunctionSignature";

/**
 * Trino's binary functions (https://trino.io/docs/current/functions/binary.html; io.trino.operator.scalar.
 * VarbinaryFunctions, HmacFunctions). A varbinary is a DuckDB BLOB; byte arithmetic goes through its hex text.
 */

/** The bytes of a BLOB as integers. */
function bytes(blob: string): string {
  return `list_transform(range(octet_length(${blob})), lambda "b": CAST('0x' || substring(hex(${blob}), 2 * "b" + 1, 2) AS INTEGER))`;
}

/** HMAC (RFC 2104) over a DuckDB hash that answers hex: the key hashed when longer than the block, then padded. */
function hmac(hash: string, block: number, key: string, message: string): string {
  const digest = (blob: string): string => `unhex(${hash}(${blob}))`;
  const keyHex = `hex(CASE WHEN octet_length(${key}) > ${block} THEN ${digest(key)} ELSE ${key} END)`;
  const pad = (byte: number): string => `unhex(array_to_string(list_transform(range(${block}), lambda "i": printf('%02X', xor(CASE WHEN "i" < length(${keyHex}) // 2 THEN CAST('0x' || substring(${keyHex}, 2 * "i" + 1, 2) AS INTEGER) ELSE 0 END, ${byte}))), ''))`;
  return digest(`${pad(0x5c)} || ${digest(`${pad(0x36)} || ${message}`)}`);
}

/** A signed integer of `bits` from its unsigned value. */
function signed(unsigned: string, bits: number): string {
  return `CASE WHEN ${unsigned} >= ${2n ** BigInt(bits - 1)} THEN ${unsigned} - ${2n ** BigInt(bits)} ELSE ${unsigned} END`;
}

export const BINARY_FUNCTIONS: readonly FunctionSignature[] = [
  scalar("length", ["varbinary"], "bigint", (args) => `CAST(octet_length(${args[0]!.sql}) AS BIGINT)`),
  scalar("to_hex", ["varbinary"], "varchar", (args) => `upper(hex(${args[0]!.sql}))`),
  scalar("from_hex", ["varchar(x)"], "varbinary", (args, shape) =>
    `CASE WHEN length(${args[0]!.sql}) % 2 <> 0 THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'invalid input length ' || length(" + args[0]!.sql + ")")} WHEN NOT regexp_full_match(${args[0]!.sql}, '[0-9a-fA-F]*') THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'invalid hex character'")} ELSE unhex(${args[0]!.sql}) END`,
  ),
  scalar("to_base64", ["varbinary"], "varchar", call("to_base64")),
  scalar("from_base64", ["varchar(x)"], "varbinary", call("from_base64")),
  scalar("from_base64", ["varbinary"], "varbinary", (args) => `from_base64(decode(${args[0]!.sql}))`),
  scalar("to_base64url", ["varbinary"], "varchar", (args) => `translate(to_base64(${args[0]!.sql}), '+/', '-_')`),
  scalar("from_base64url", ["varchar(x)"], "varbinary", (args) => `from_base64(rpad(translate(${args[0]!.sql}, '-_', '+/'), CAST(ceil(length(${args[0]!.sql}) / 4) * 4 AS INTEGER), '='))`),
  scalar("to_big_endian_64", ["bigint"], "varbinary", (args) => `unhex(printf('%016X', CAST((CAST(${args[0]!.sql} AS HUGEINT) + 18446744073709551616) % 18446744073709551616 AS UBIGINT)))`),
  scalar("to_big_endian_32", ["integer"], "varbinary", (args) => `unhex(printf('%08X', CAST((CAST(${args[0]!.sql} AS BIGINT) + 4294967296) % 4294967296 AS UBIGINT)))`),
  scalar("from_big_endian_64", ["varbinary"], "bigint", (args, shape) =>
    `CASE WHEN octet_length(${args[0]!.sql}) <> 8 THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'expected 8-byte input, but got instead: ' || octet_length(" + args[0]!.sql + ")")} ELSE CAST(${signed(`CAST(CAST('0x' || hex(${args[0]!.sql}) AS UBIGINT) AS HUGEINT)`, 64)} AS BIGINT) END`,
  ),
  scalar("from_big_endian_32", ["varbinary"], "integer", (args, shape) =>
    `CASE WHEN octet_length(${args[0]!.sql}) <> 4 THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'expected 4-byte input, but got instead: ' || octet_length(" + args[0]!.sql + ")")} ELSE CAST(${signed(`CAST('0x' || hex(${args[0]!.sql}) AS BIGINT)`, 32)} AS INTEGER) END`,
  ),
  scalar("substr", ["varbinary", "bigint"], "varbinary", (args) => `CASE WHEN ${args[1]!.sql} = 0 OR abs(${args[1]!.sql}) > octet_length(${args[0]!.sql}) AND ${args[1]!.sql} < 0 THEN ''::BLOB ELSE unhex(substring(hex(${args[0]!.sql}), CASE WHEN ${args[1]!.sql} < 0 THEN 2 * (octet_length(${args[0]!.sql}) + ${args[1]!.sql}) + 1 ELSE 2 * ${args[1]!.sql} - 1 END)) END`),
  scalar("substr", ["varbinary", "bigint", "bigint"], "varbinary", (args) =>
    `CASE WHEN ${args[1]!.sql} = 0 OR ${args[2]!.sql} <= 0 OR abs(${args[1]!.sql}) > octet_length(${args[0]!.sql}) AND ${args[1]!.sql} < 0 THEN ''::BLOB ELSE unhex(substring(hex(${args[0]!.sql}), CASE WHEN ${args[1]!.sql} < 0 THEN 2 * (octet_length(${args[0]!.sql}) + ${args[1]!.sql}) + 1 ELSE 2 * ${args[1]!.sql} - 1 END, 2 * ${args[2]!.sql})) END`,
  ),
  scalar("reverse", ["varbinary"], "varbinary", (args) => `unhex(array_to_string(list_reverse(list_transform(range(octet_length(${args[0]!.sql})), lambda "b": substring(hex(${args[0]!.sql}), 2 * "b" + 1, 2))), ''))`),
  ...["lpad", "rpad"].map((name) =>
    scalar(name, ["varbinary", "bigint", "varbinary"], "varbinary", (args, shape) => {
      const [b, size, pad] = [args[0]!.sql, args[1]!.sql, args[2]!.sql];
      const padding = `unhex(substring(repeat(hex(${pad}), CAST(${size} AS INTEGER)), 1, 2 * (${size} - octet_length(${b}))))`;
      return `CASE WHEN ${size} < 0 OR ${size} > 2147483647 THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'Target length must be in the range [0..2147483647]'")} WHEN octet_length(${pad}) = 0 THEN ${fail(shape, "INVALID_FUNCTION_ARGUMENT", "'Padding bytes must not be empty'")} WHEN ${size} <= octet_length(${b}) THEN unhex(substring(hex(${b}), 1, 2 * ${size})) ELSE ${name === "lpad" ? `${padding} || ${b}` : `${b} || ${padding}`} END`;
    }),
  ),
  scalar("md5", ["varbinary"], "varbinary", (args) => `unhex(md5(${args[0]!.sql}))`),
  scalar("sha1", ["varbinary"], "varbinary", (args) => `unhex(sha1(${args[0]!.sql}))`),
  scalar("sha256", ["varbinary"], "varbinary", (args) => `unhex(sha256(${args[0]!.sql}))`),
  scalar("hmac_md5", ["varbinary", "varbinary"], "varbinary", (args) => hmac("md5", 64, args[1]!.sql, args[0]!.sql)),
  scalar("hmac_sha1", ["varbinary", "varbinary"], "varbinary", (args) => hmac("sha1", 64, args[1]!.sql, args[0]!.sql)),
  scalar("hmac_sha256", ["varbinary", "varbinary"], "varbinary", (args) => hmac("sha256", 64, args[1]!.sql, args[0]!.sql)),
  // CRC-32 (IEEE 802.3, as java.util.zip.CRC32), bit by bit.
  scalar("crc32", ["varbinary"], "bigint", (args) =>
    `CAST(xor(list_reduce(${bytes(args[0]!.sql)}, lambda "crc", "byte": list_reduce(range(8), lambda "c", "k": CASE WHEN "c" & 1 = 1 THEN xor("c" >> 1, 3988292384) ELSE "c" >> 1 END, xor("crc", "byte")), CAST(4294967295 AS BIGINT)), 4294967295) AS BIGINT)`,
  ),
  scalar("uuid", [], "uuid", () => "uuid()", { deterministic: false }),
];
