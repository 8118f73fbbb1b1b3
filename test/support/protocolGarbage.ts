import type { RawStep } from "./fuzzHttp";
import type { SeededRandom } from "@gpu-stream/shared";
import { drawBytes, drawInt, drawOne } from "./randomDraws";

/** A raw exchange: bytes (and pauses) written as they are on one TCP connection. */
export interface GarbageCase {
  readonly label: string;
  readonly steps: readonly RawStep[];
  /** Close our side after the last step (a client that gives up), rather than wait for the server. */
  readonly leave?: boolean;
}

const latin1 = (text: string): Buffer => Buffer.from(text, "latin1");

const JSON_HEAD = (target: string, extra: string): string =>
  `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.1\r\nX-Amz-Target: ${target}\r\nConnection: close\r\n${extra}\r\n`;

/** Malformed HTTP/1.1: request lines, headers, framing, bodies that lie about their length. */
export function http1Garbage(random: SeededRandom): GarbageCase[] {
  const target = drawOne(random, ["Kinesis_20131202.PutRecord", "Firehose_20150804.PutRecordBatch", "AWSGlue.CreateTable", "AmazonAthena.StartQueryExecution"]);
  const cases: GarbageCase[] = [
    { label: "an empty request line", steps: [latin1("\r\n\r\n")] },
    { label: "a method alone", steps: [latin1("GET\r\n\r\n")] },
    { label: "HTTP/9.9", steps: [latin1("GET / HTTP/9.9\r\nHost: x\r\n\r\n")] },
    { label: "HTTP/0.9 style", steps: [latin1("GET /\r\n")], leave: true },
    { label: "binary garbage", steps: [drawBytes(random, 512)] },
    { label: "NUL bytes in the request line", steps: [latin1("GET /\u0000 HTTP/1.1\r\nHost: x\r\n\r\n")] },
    { label: "a negative Content-Length", steps: [latin1(JSON_HEAD(target, "Content-Length: -1\r\n"))] },
    { label: "a Content-Length that is not a number", steps: [latin1(JSON_HEAD(target, "Content-Length: abc\r\n"))] },
    { label: "two different Content-Lengths", steps: [latin1(JSON_HEAD(target, "Content-Length: 2\r\nContent-Length: 3\r\n") + "{}")] },
    { label: "Content-Length and chunked together", steps: [latin1(JSON_HEAD(target, "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n") + "2\r\n{}\r\n0\r\n\r\n")] },
    { label: "a chunk size that is not hex", steps: [latin1(JSON_HEAD(target, "Transfer-Encoding: chunked\r\n") + "zz\r\n{}\r\n0\r\n\r\n")] },
    { label: "a chunk size of 2^64", steps: [latin1(JSON_HEAD(target, "Transfer-Encoding: chunked\r\n") + "ffffffffffffffffff\r\n{}\r\n")] },
    { label: "a chunk without its CRLF", steps: [latin1(JSON_HEAD(target, "Transfer-Encoding: chunked\r\n") + "2\r\n{}XX0\r\n\r\n")] },
    { label: "a chunked body cut off", steps: [latin1(JSON_HEAD(target, "Transfer-Encoding: chunked\r\n") + "10\r\n{\"StreamN")], leave: true },
    { label: "a chunked body of garbage JSON", steps: [latin1(JSON_HEAD(target, "Transfer-Encoding: chunked\r\n") + "3\r\n{\"a\r\n3\r\n\":1\r\n0\r\n\r\n")] },
    { label: "Transfer-Encoding gzip", steps: [latin1(JSON_HEAD(target, "Transfer-Encoding: gzip\r\n") + "{}")] },
    { label: "a header without a colon", steps: [latin1("GET / HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n")] },
    { label: "a space before the colon", steps: [latin1("GET / HTTP/1.1\r\nHost : x\r\n\r\n")] },
    { label: "an obsolete folded header", steps: [latin1("GET / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: Kinesis_20131202.\r\n ListStreams\r\n\r\n")] },
    { label: "a bare LF line ending", steps: [latin1("GET / HTTP/1.1\nHost: x\n\n")] },
    { label: "a 100 KB URL", steps: [latin1(`GET /${"a".repeat(100_000)} HTTP/1.1\r\nHost: x\r\n\r\n`)] },
    { label: "100 KB of headers", steps: [latin1(`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${"b".repeat(100_000)}\r\n\r\n`)] },
    { label: "3000 headers", steps: [latin1(`GET / HTTP/1.1\r\nHost: x\r\n${Array.from({ length: 3000 }, (_, index) => `X-H${index}: v`).join("\r\n")}\r\n\r\n`)] },
    { label: "a NUL in a header value", steps: [latin1("GET / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: Kinesis\u0000_20131202.ListStreams\r\n\r\n")] },
    { label: "an absolute-form URL", steps: [latin1("GET http://evil.example/_emulator/health HTTP/1.1\r\nHost: evil.example\r\n\r\n")] },
    { label: "CONNECT", steps: [latin1("CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n")] },
    { label: "an asterisk request target", steps: [latin1("OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n")] },
    { label: "HTTP/1.0 without Host", steps: [latin1("GET /_emulator/health HTTP/1.0\r\n\r\n")] },
    { label: "an Upgrade to h2c", steps: [latin1("GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\n\r\n")] },
    { label: "an Upgrade to websocket", steps: [latin1("GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Key: x\r\n\r\n")] },
    { label: "PRI that is not the HTTP/2 preface", steps: [latin1("PRIX * HTTP/1.1\r\n\r\n")] },
    { label: "the first two bytes of PRI, then gone", steps: [latin1("PR")], leave: true },
    { label: "nothing, then gone", steps: [], leave: true },
    { label: "a valid request and then garbage, pipelined", steps: [latin1("GET /_emulator/health HTTP/1.1\r\nHost: x\r\n\r\n\u0001\u0002garbage\r\n\r\n")] },
    { label: "a JSON body announcing 1 GiB", steps: [latin1(JSON_HEAD(target, `Content-Length: ${2 ** 30}\r\n`) + "{}")] },
    { label: "a JSON body announcing 2^53", steps: [latin1(JSON_HEAD(target, `Content-Length: ${2 ** 53}\r\n`))] },
    { label: "a JSON body announcing 20 digits", steps: [latin1(JSON_HEAD(target, "Content-Length: 99999999999999999999\r\n"))] },
    { label: "a JSON body shorter than its Content-Length, then gone", steps: [latin1(JSON_HEAD(target, "Content-Length: 100\r\n") + '{"StreamName":')], leave: true },
    { label: "an S3 PUT announcing 6 GiB", steps: [latin1(`PUT /fuzz-bucket/big HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: ${6 * 2 ** 30}\r\n\r\n`)] },
    { label: "an S3 PUT shorter than its Content-Length, then gone", steps: [latin1("PUT /fuzz-bucket/short HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nabc")], leave: true },
    { label: "an S3 PUT whose aws-chunked body is cut off", steps: [latin1("PUT /fuzz-bucket/chunked HTTP/1.1\r\nHost: x\r\nContent-Encoding: aws-chunked\r\nX-Amz-Decoded-Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n5\r\nhe\r\n")], leave: true },
    { label: "an S3 multipart completion cut off", steps: [latin1("POST /fuzz-bucket/obj?uploadId=x HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n<CompleteMultipartUpload>")], leave: true },
    { label: "Expect: 100-continue, then gone", steps: [latin1("PUT /fuzz-bucket/continue HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")], leave: true },
    { label: "Expect: something else", steps: [latin1("PUT /fuzz-bucket/expect HTTP/1.1\r\nHost: x\r\nExpect: 200-ok\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")] },
  ];
  return cases;
}

/** A client sending its headers one byte per `pauseMs`, then leaving before they end. */
export function slowClient(bytes: number, pauseMs: number): GarbageCase {
  const head = latin1(JSON_HEAD("Kinesis_20131202.ListStreams", "Content-Length: 2\r\n"));
  const steps: RawStep[] = [];
  for (let index = 0; index < Math.min(bytes, head.length - 1); index += 1) {
    steps.push(head.subarray(index, index + 1), { pauseMs });
  }
  return { label: `headers one byte per ${pauseMs} ms, ${bytes} bytes, then gone`, steps, leave: true };
}

// HTTP/2 (RFC 9113): frames by hand, to say what node:http2's client never would.

export const HTTP2_PREFACE = latin1("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");

const FRAME = { DATA: 0, HEADERS: 1, PRIORITY: 2, RST_STREAM: 3, SETTINGS: 4, PUSH_PROMISE: 5, PING: 6, GOAWAY: 7, WINDOW_UPDATE: 8, CONTINUATION: 9 } as const;
const END_STREAM = 0x1;
const ACK = 0x1;
const END_HEADERS = 0x4;

export function frame(type: number, flags: number, streamId: number, payload: Buffer = Buffer.alloc(0), declaredLength = payload.length): Buffer {
  const header = Buffer.alloc(9);
  header.writeUIntBE(declaredLength & 0xffffff, 0, 3);
  header[3] = type;
  header[4] = flags;
  header.writeUInt32BE(streamId >>> 0, 5);
  return Buffer.concat([header, payload]);
}

const uint32 = (value: number): Buffer => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value >>> 0);
  return bytes;
};

function setting(id: number, value: number): Buffer {
  const bytes = Buffer.alloc(6);
  bytes.writeUInt16BE(id);
  bytes.writeUInt32BE(value >>> 0, 2);
  return bytes;
}

/** An HPACK string literal, no Huffman; lengths over 126 take the multi-byte integer form. */
function hpackString(text: string): Buffer {
  const bytes = Buffer.from(text, "latin1");
  const length: number[] = [];
  if (bytes.length < 127) {
    length.push(bytes.length);
  } else {
    length.push(127);
    let rest = bytes.length - 127;
    while (rest >= 128) {
      length.push((rest % 128) + 128);
      rest = Math.floor(rest / 128);
    }
    length.push(rest);
  }
  return Buffer.concat([Buffer.from(length), bytes]);
}

/** A header block of literal fields without indexing, in the order given: pseudo-headers as they come. */
export function headerBlock(fields: readonly (readonly [string, string])[]): Buffer {
  return Buffer.concat(fields.map(([name, value]) => Buffer.concat([Buffer.from([0]), hpackString(name), hpackString(value)])));
}

const settings = frame(FRAME.SETTINGS, 0, 0);
const settingsAck = frame(FRAME.SETTINGS, ACK, 0);

/** A valid GET of the health endpoint on `streamId`: the control case, whose answer proves the frames are well made. */
export function healthRequest(streamId: number): Buffer {
  const block = headerBlock([
    [":method", "GET"],
    [":scheme", "http"],
    [":authority", "127.0.0.1"],
    [":path", "/_emulator/health"],
  ]);
  return frame(FRAME.HEADERS, END_HEADERS | END_STREAM, streamId, block);
}

export interface ReceivedFrame {
  readonly type: number;
  readonly flags: number;
  readonly streamId: number;
  readonly payload: Buffer;
}

/** The frames in what a server sent (its preface is a SETTINGS frame, so frames start at byte 0). */
export function readFrames(received: Buffer): ReceivedFrame[] {
  const frames: ReceivedFrame[] = [];
  let offset = 0;
  while (offset + 9 <= received.length) {
    const length = received.readUIntBE(offset, 3);
    frames.push({ type: received[offset + 3]!, flags: received[offset + 4]!, streamId: received.readUInt32BE(offset + 5) & 0x7fffffff, payload: received.subarray(offset + 9, offset + 9 + length) });
    offset += 9 + length;
  }
  return frames;
}

/** Whether `received` holds a HEADERS frame on `streamId` (the server answered that stream). */
export function answeredStream(received: Buffer, streamId: number): boolean {
  return readFrames(received).some((received) => received.type === FRAME.HEADERS && received.streamId === streamId);
}

function jsonHeaders(streamId: number, fields: readonly (readonly [string, string])[], endStream: boolean): Buffer {
  return frame(FRAME.HEADERS, END_HEADERS | (endStream ? END_STREAM : 0), streamId, headerBlock(fields));
}

const POST_FIELDS: readonly (readonly [string, string])[] = [
  [":method", "POST"],
  [":scheme", "http"],
  [":authority", "127.0.0.1"],
  [":path", "/"],
  ["content-type", "application/x-amz-json-1.1"],
  ["x-amz-target", "Kinesis_20131202.ListStreams"],
];

/** HTTP/2 protocol errors after a valid preface: bad SETTINGS, frames on stream 0, GOAWAY garbage, RST storms, invalid pseudo-headers. */
export function http2Garbage(random: SeededRandom): GarbageCase[] {
  const start = [HTTP2_PREFACE, settings, settingsAck];
  const withPreface = (label: string, ...frames: Buffer[]): GarbageCase => ({ label: `HTTP/2: ${label}`, steps: [...start, ...frames] });
  const rapidReset: Buffer[] = [];
  for (let stream = 1; stream < 2000; stream += 2) {
    rapidReset.push(jsonHeaders(stream, POST_FIELDS, false), frame(FRAME.RST_STREAM, 0, stream, uint32(8)));
  }
  const continuationFlood: Buffer[] = [frame(FRAME.HEADERS, 0, 1, headerBlock(POST_FIELDS.slice(0, 2)))];
  for (let index = 0; index < 2000; index += 1) {
    continuationFlood.push(frame(FRAME.CONTINUATION, 0, 1, headerBlock([[`x-flood-${index}`, "v".repeat(30)]])));
  }
  const pingFlood = Array.from({ length: 5000 }, () => frame(FRAME.PING, 0, 0, Buffer.alloc(8)));
  return [
    withPreface("SETTINGS whose length is not a multiple of 6", frame(FRAME.SETTINGS, 0, 0, Buffer.alloc(5))),
    withPreface("SETTINGS on stream 1", frame(FRAME.SETTINGS, 0, 1, setting(3, 100))),
    withPreface("SETTINGS ACK with a payload", frame(FRAME.SETTINGS, ACK, 0, setting(3, 100))),
    withPreface("INITIAL_WINDOW_SIZE 2^31", frame(FRAME.SETTINGS, 0, 0, setting(4, 2 ** 31))),
    withPreface("MAX_FRAME_SIZE 1", frame(FRAME.SETTINGS, 0, 0, setting(5, 1))),
    withPreface("ENABLE_PUSH 2", frame(FRAME.SETTINGS, 0, 0, setting(2, 2))),
    withPreface("an unknown setting and HEADER_TABLE_SIZE 2^32-1", frame(FRAME.SETTINGS, 0, 0, Buffer.concat([setting(0x99, 1), setting(1, 2 ** 32 - 1)])), healthRequest(1)),
    withPreface("DATA on stream 0", frame(FRAME.DATA, 0, 0, Buffer.from("{}"))),
    withPreface("HEADERS on stream 0", jsonHeaders(0, POST_FIELDS, true)),
    withPreface("RST_STREAM on stream 0", frame(FRAME.RST_STREAM, 0, 0, uint32(0))),
    withPreface("WINDOW_UPDATE of 0 on stream 0", frame(FRAME.WINDOW_UPDATE, 0, 0, uint32(0))),
    withPreface("WINDOW_UPDATE overflowing the window", frame(FRAME.WINDOW_UPDATE, 0, 0, uint32(2 ** 31 - 1)), frame(FRAME.WINDOW_UPDATE, 0, 0, uint32(2 ** 31 - 1))),
    withPreface("PING on stream 1", frame(FRAME.PING, 0, 1, Buffer.alloc(8))),
    withPreface("PING of 7 bytes", frame(FRAME.PING, 0, 0, Buffer.alloc(7))),
    withPreface("GOAWAY of 3 bytes", frame(FRAME.GOAWAY, 0, 0, Buffer.alloc(3))),
    withPreface("GOAWAY on stream 5 with a huge last stream", frame(FRAME.GOAWAY, 0, 5, Buffer.concat([uint32(0x7fffffff), uint32(0xffffffff), drawBytes(random, 100)]))),
    withPreface("GOAWAY then a request", frame(FRAME.GOAWAY, 0, 0, Buffer.concat([uint32(0), uint32(0)])), healthRequest(1)),
    withPreface("PUSH_PROMISE from a client", frame(FRAME.PUSH_PROMISE, END_HEADERS, 1, Buffer.concat([uint32(2), headerBlock(POST_FIELDS)]))),
    withPreface("PRIORITY depending on itself", frame(FRAME.PRIORITY, 0, 1, Buffer.concat([uint32(1), Buffer.from([16])]))),
    withPreface("DATA on an idle stream", frame(FRAME.DATA, END_STREAM, 7, Buffer.from("{}"))),
    withPreface("an even (server) stream id", jsonHeaders(2, POST_FIELDS, true)),
    withPreface("stream ids going backwards", healthRequest(5), healthRequest(3)),
    withPreface("a frame declaring 16 MiB", frame(FRAME.DATA, 0, 1, Buffer.alloc(10), 0xffffff)),
    withPreface("an unknown frame type", frame(0xfa, 0xff, 1, drawBytes(random, 50)), healthRequest(1)),
    withPreface("HEADERS of invalid HPACK", frame(FRAME.HEADERS, END_HEADERS | END_STREAM, 1, Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f, 0x80]))),
    withPreface("HEADERS indexing past the table", frame(FRAME.HEADERS, END_HEADERS | END_STREAM, 1, Buffer.from([0xbf, 0x7f]))),
    withPreface("HEADERS without :method", jsonHeaders(1, POST_FIELDS.filter(([name]) => name !== ":method"), true)),
    withPreface("HEADERS with an empty :path", jsonHeaders(1, POST_FIELDS.map(([name, value]) => [name, name === ":path" ? "" : value] as const), true)),
    withPreface("HEADERS with an unknown pseudo-header", jsonHeaders(1, [...POST_FIELDS.slice(0, 4), [":fuzz", "1"], ...POST_FIELDS.slice(4)], true)),
    withPreface("a pseudo-header after a regular one", jsonHeaders(1, [...POST_FIELDS.slice(4), ...POST_FIELDS.slice(0, 4)], true)),
    withPreface("two :path pseudo-headers", jsonHeaders(1, [...POST_FIELDS, [":path", "/other"]], true)),
    withPreface("an upper-case header name", jsonHeaders(1, [...POST_FIELDS, ["X-Amz-Target", "Kinesis_20131202.ListStreams"]], true)),
    withPreface("a connection-specific header", jsonHeaders(1, [...POST_FIELDS, ["connection", "keep-alive"], ["transfer-encoding", "chunked"]], true)),
    withPreface("a NUL in a header value", jsonHeaders(1, [...POST_FIELDS.slice(0, 5), ["x-amz-target", "Kinesis_20131202.\u0000ListStreams"]], true)),
    withPreface("a content-length the DATA does not match", jsonHeaders(1, [...POST_FIELDS, ["content-length", "100"]], false), frame(FRAME.DATA, END_STREAM, 1, Buffer.from("{}"))),
    withPreface("a content-length of 1 GiB", jsonHeaders(1, [...POST_FIELDS, ["content-length", String(2 ** 30)]], false)),
    withPreface("a content-length that is not a number", jsonHeaders(1, [...POST_FIELDS, ["content-length", "abc"]], false), frame(FRAME.DATA, END_STREAM, 1, Buffer.from("{}"))),
    withPreface("DATA after END_STREAM", jsonHeaders(1, POST_FIELDS, true), frame(FRAME.DATA, END_STREAM, 1, Buffer.from("{}"))),
    withPreface("a body of invalid JSON in DATA frames", jsonHeaders(1, POST_FIELDS, false), frame(FRAME.DATA, 0, 1, Buffer.from('{"Limit":')), frame(FRAME.DATA, END_STREAM, 1, Buffer.from([0xff, 0xfe]))),
    withPreface("padding longer than the frame", frame(FRAME.DATA, 0x8, 1, Buffer.from([200, 1, 2]))),
    withPreface("a rapid-reset storm of 1000 streams", ...rapidReset),
    withPreface("a CONTINUATION flood without END_HEADERS", ...continuationFlood),
    withPreface("CONTINUATION without HEADERS", frame(FRAME.CONTINUATION, END_HEADERS, 1, headerBlock(POST_FIELDS))),
    withPreface("a PING flood", ...pingFlood),
    withPreface("random frames", ...Array.from({ length: 20 }, () => frame(drawInt(random, 12), drawInt(random, 256), drawInt(random, 8), drawBytes(random, drawInt(random, 64))))),
    { label: "HTTP/2: a preface cut short", steps: [HTTP2_PREFACE.subarray(0, 10)], leave: true },
    { label: "HTTP/2: a wrong preface", steps: [latin1("PRI * HTTP/2.0\r\n\r\nXX\r\n\r\n"), settings] },
    { label: "HTTP/2: no SETTINGS after the preface", steps: [HTTP2_PREFACE, healthRequest(1)] },
    { label: "HTTP/2: random bytes after the preface", steps: [HTTP2_PREFACE, drawBytes(random, 300)] },
  ];
}
