import type { Socket } from "node:net";

interface ConnectionUse {
  /** Requests (HTTP/1.1) or streams (HTTP/2) being answered on it now. */
  inFlight: number;
  /** When it last had nothing in flight (accepted, or its last answer ended). */
  idleSince: number;
}

/**
 * Every open connection, whether it is answering something, and the cap on how many may be open. At the cap,
 * a new connection closes the one idle the longest (still sniffing, between requests, or an HTTP/2 session with
 * no open stream): clients that open connections and say nothing cannot lock real clients out, and only a
 * connection in the middle of a request is never cut for a newcomer. When all are busy, the newcomer is closed.
 */
export class OpenConnections {
  private readonly uses = new Map<Socket, ConnectionUse>();
  /** Set while over the cap, so that a flood is logged once, not once per connection. */
  private saidFull = false;

  constructor(
    private readonly maxConnections: number,
    private readonly log: (message: string) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get size(): number {
    return this.uses.size;
  }

  /** Takes a new connection, making room if need be; false when it must be closed instead. */
  admit(socket: Socket): boolean {
    if (this.uses.size >= this.maxConnections) {
      const idlest = this.idlest();
      this.sayFull(idlest === undefined);
      if (idlest === undefined) {
        return false;
      }
      this.uses.delete(idlest);
      idlest.destroy();
    } else if (this.uses.size < this.maxConnections / 2) {
      this.saidFull = false;
    }
    this.uses.set(socket, { inFlight: 0, idleSince: this.now() });
    socket.once("close", () => this.uses.delete(socket));
    return true;
  }

  /** A request or stream began on `socket`. */
  busy(socket: Socket): void {
    const use = this.uses.get(socket);
    if (use !== undefined) {
      use.inFlight += 1;
    }
  }

  /** A request or stream on `socket` ended. */
  done(socket: Socket): void {
    const use = this.uses.get(socket);
    if (use !== undefined && use.inFlight > 0) {
      use.inFlight -= 1;
      if (use.inFlight === 0) {
        use.idleSince = this.now();
      }
    }
  }

  destroyAll(): void {
    for (const socket of this.uses.keys()) {
      socket.destroy();
    }
  }

  private idlest(): Socket | undefined {
    let idlest: Socket | undefined;
    let since = Infinity;
    for (const [socket, use] of this.uses) {
      if (use.inFlight === 0 && use.idleSince < since) {
        idlest = socket;
        since = use.idleSince;
      }
    }
    return idlest;
  }

  private sayFull(refusing: boolean): void {
    if (this.saidFull) {
      return;
    }
    this.saidFull = true;
    this.log(
      `${this.maxConnections} connections open (maxConnections): ${refusing ? "all are answering requests, so new connections are closed at once" : "closing the longest-idle ones to make room"} until fewer are open (said once)`,
    );
  }
}
