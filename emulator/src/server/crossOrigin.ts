import { headerValue, type HttpRequest } from "../protocol/HttpExchange";

/**
 * Where a request comes from, as a browser says it. `own`: no browser page of another origin is involved (no
 * Origin header, or the emulator's own origin, or `Sec-Fetch-Site: none`/`same-origin`); `foreign`: a page of
 * another origin sent it, `origin` being its Origin header (undefined when only Sec-Fetch-Site tells).
 */
export type RequestSite = { readonly kind: "own" } | { readonly kind: "foreign"; readonly origin?: string };

/** The origin the client addressed: `http://` + Host (HTTP/2: `:authority`), normalised as URL serialises origins. */
export function ownOrigin(request: HttpRequest): string | undefined {
  const host = headerValue(request.headers, "host") ?? headerValue(request.headers, ":authority");
  return host === undefined ? undefined : serialisedOrigin(`http://${host}`);
}

function serialisedOrigin(text: string): string | undefined {
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Browsers send Origin with every CORS request and with every POST, PUT and DELETE, also in `no-cors` mode (Fetch
 * standard, "append a request `Origin` header"); for a GET without it (a navigation, an `<img>`), Sec-Fetch-Site
 * says whether another site started it (Fetch Metadata Request Headers, W3C). A sandboxed document or a
 * redirect across origins sends `Origin: null`: foreign.
 */
export function requestSite(request: HttpRequest): RequestSite {
  const origin = headerValue(request.headers, "origin");
  if (origin === undefined) {
    const fetchSite = headerValue(request.headers, "sec-fetch-site")?.toLowerCase();
    return fetchSite === "cross-site" || fetchSite === "same-site" ? { kind: "foreign" } : { kind: "own" };
  }
  const own = ownOrigin(request);
  return own !== undefined && serialisedOrigin(origin) === own ? { kind: "own" } : { kind: "foreign", origin };
}
