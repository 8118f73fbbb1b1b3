import type { Duplex } from "node:stream";
import { lingerThenCut, type Linger } from "./lingerThenCut";

/** What Node's default 'clientError' answer would be, by the parser's error code (lib/_http_server.js, socketOnError). */
function statusLine(code: string | undefined): string {
  switch (code) {
    case "HPE_HEADER_OVERFLOW":
      return "431 Request Header Fields Too Large";
    case "HPE_CHUNK_EXTENSIONS_OVERFLOW":
      return "413 Payload Too Large";
    case "ERR_HTTP_REQUEST_TIMEOUT":
    case "HPE_HEADERS_TIMEOUT":
      return "408 Request Timeout";
    default:
      return "400 Bad Request";
  }
}

const answered = new WeakSet<Duplex>();

/**
 * Answers a request the HTTP/1.1 parser refused (headers over the size limit, malformed framing, headers too slow)
 * as Node would, then closes the way RFC 9112 section 9.6 asks: the answer, a half close, and the client's
 * remaining bytes read and dropped (bounded) before the socket goes. Node's own handler destroys the socket at
 * once; with the client's unread bytes still in the kernel's buffer the close becomes a reset, which can reach
 * the client before the answer does (it then reports ECONNRESET, never seeing the 431).
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex, linger: Linger): void {
  if (answered.has(socket)) {
    // The parser reports again on each later chunk; the first answer stands.
    return;
  }
  answered.add(socket);
  const inFlight = (error as { _httpMessage?: { headersSent?: boolean } })._httpMessage ?? (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (error.code === "ECONNRESET" || !socket.writable || inFlight?.headersSent === true) {
    socket.destroy();
    return;
  }
  socket.end(`HTTP/1.1 ${statusLine(error.code)}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  lingerThenCut(socket, () => socket.destroy(), linger, "cut");
}
