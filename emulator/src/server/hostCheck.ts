import { isIPv4, isIPv6 } from "node:net";
import { hostname } from "node:os";

/**
 * Which names in `Host` (HTTP/1.1) or `:authority` (HTTP/2) the emulator answers: the defence against DNS
 * rebinding, where a web page re-points its own name at 127.0.0.1 and then reads the emulator as its own origin.
 * The browser still sends the page's name as Host, so a name the emulator does not know is refused with
 * 421 Misdirected Request (RFC 9110 section 15.5.20) before any service sees the request.
 *
 * Answered:
 * - `localhost` and `*.localhost`: RFC 6761 section 6.3 reserves them for loopback; browsers resolve them
 *   without asking DNS, so no page can re-point them.
 * - Any IP literal (127.0.0.1, [::1], a LAN address when bound to 0.0.0.0): rebinding needs a name the attacker's
 *   DNS answers; a page whose origin is an address was loaded from that address.
 * - The name it listens on (`host` option), and this machine's name (os.hostname(), with and without its
 *   domain), which reaches it when it listens beyond loopback (and Debian maps it to 127.0.1.1 in /etc/hosts).
 * - Names given with `--allow-host` / `allowHosts`: a container's or proxy's name (`localstack`, `host.docker.internal`).
 * The port is not compared: a proxy or a port mapping may change it.
 */
export type HostVerdict =
  | { readonly kind: "answer" }
  | { readonly kind: "misdirected"; readonly name: string }
  | { readonly kind: "malformed"; readonly reason: string };

/** Where a request names its host. */
export interface RequestAuthorities {
  /** Every `Host` field line, as sent (HTTP/2 may carry one beside `:authority`). */
  readonly hostLines: readonly string[];
  /** HTTP/2's `:authority`. */
  readonly authority?: string;
  /** The authority of an absolute-form request target (`GET http://name/path`, RFC 9112 section 3.2.2). */
  readonly targetAuthority?: string;
}

export interface HostCheckOptions {
  /** The address or name the emulator listens on. */
  readonly listenHost: string;
  /** More names to answer, from `--allow-host`. */
  readonly allowHosts?: readonly string[];
  /** This machine's name; default os.hostname(). */
  readonly machineName?: string;
}

export interface HostCheck {
  /**
   * The verdict on where a request says it is going. No authority at all is answered: RFC 9112 section 3.2
   * requires Host only of HTTP/1.1, whose requests without one Node's parser already answers 400
   * (http.createServer's requireHostHeader), and a browser always sends it (a forbidden request header in the
   * Fetch standard), so such a request cannot come from a rebound page.
   */
  verdict(request: RequestAuthorities): HostVerdict;
  /** The names answered besides localhost, *.localhost and IP literals. */
  readonly names: readonly string[];
  /** What a refused client is told, naming the flag that would let it in. */
  misdirectedMessage(name: string): string;
}

/** The host of `host[:port]` or `[v6]:port`, lower case, without a trailing root dot. */
export function hostOfAuthority(authority: string): string {
  const trimmed = authority.trim().toLowerCase();
  // RFC 3986 section 3.2: host [ ":" port ], an IPv6 host in brackets; anything after "]" but a port is kept, and refused.
  const host = /^\[[^\]]*\](:\d*)?$/.test(trimmed) ? trimmed.slice(0, trimmed.indexOf("]") + 1) : trimmed.replace(/:\d*$/, "");
  return host.endsWith(".") ? host.slice(0, -1) : host;
}

/**
 * Whether `name` is an IPv6 address: only one with a colon is asked of isIPv6, whose regular expression costs about
 * 5 ms to compile in a fresh process (at start, for this machine's name); no IPv6 address is without one (RFC 4291).
 */
function isIpv6Address(name: string): boolean {
  return name.includes(":") && isIPv6(name);
}

function isIpLiteral(host: string): boolean {
  return host.startsWith("[") && host.endsWith("]") ? isIpv6Address(host.slice(1, -1)) : isIPv4(host);
}

function isLocalhost(host: string): boolean {
  return host === "localhost" || host.endsWith(".localhost");
}

export function createHostCheck(options: HostCheckOptions): HostCheck {
  const machineName = (options.machineName ?? hostname()).toLowerCase();
  const names = new Set<string>();
  for (const name of [options.listenHost, machineName, machineName.split(".")[0]!, ...(options.allowHosts ?? [])]) {
    // A bare IPv6 address (the `host` option's form) is a literal too.
    const host = isIpv6Address(name) ? `[${name}]` : hostOfAuthority(name);
    if (host !== "" && !isIpLiteral(host) && !isLocalhost(host)) {
      names.add(host);
    }
  }
  const answers = (host: string): boolean => isLocalhost(host) || isIpLiteral(host) || names.has(host);
  const listed = ["localhost", "*.localhost", "an IP address (127.0.0.1, [::1])", ...names].join(", ");
  return {
    names: [...names],
    verdict: (request) => {
      if (request.hostLines.length > 1) {
        // RFC 9112 section 3.2: a request with more than one Host field line is answered 400.
        return { kind: "malformed", reason: "more than one Host header" };
      }
      const authorities = [...request.hostLines, ...(request.authority === undefined ? [] : [request.authority]), ...(request.targetAuthority === undefined ? [] : [request.targetAuthority])];
      const hosts = authorities.map(hostOfAuthority);
      if (hosts.includes("")) {
        return { kind: "malformed", reason: "an empty Host" };
      }
      if (request.hostLines.length === 1 && request.authority !== undefined && hostOfAuthority(request.hostLines[0]!) !== hostOfAuthority(request.authority)) {
        // RFC 9113 section 8.3.1: a Host naming another entity than :authority makes the request malformed.
        return { kind: "malformed", reason: "a Host header that differs from :authority" };
      }
      const refused = hosts.find((host) => !answers(host));
      return refused === undefined ? { kind: "answer" } : { kind: "misdirected", name: refused };
    },
    misdirectedMessage: (name) =>
      // Only a real host name is offered as a flag to copy: a raw client may send any text as Host.
      /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(name)
        ? `this emulator answers only requests whose Host is ${listed}, against DNS rebinding; '${name}' is none of them. Start it with --allow-host ${name} (start({ allowHosts: ["${name}"] })) to answer that name too`
        : `this emulator answers only requests whose Host is ${listed}, against DNS rebinding; ${JSON.stringify(name)} is none of them, nor a host name`,
  };
}
