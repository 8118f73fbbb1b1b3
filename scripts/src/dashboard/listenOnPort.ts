import type { Server } from "node:http";

export interface Listening {
  readonly port: number;
  /** The port asked for was taken, so a free one was used instead. */
  readonly fellBack: boolean;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => {
      server.off("listening", onListening);
      reject(error);
    };
    const onListening = (): void => {
      server.off("error", onError);
      const address = server.address();
      resolve(typeof address === "object" && address !== null ? address.port : port);
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, host);
  });
}

/** Listens on `port` (0: any free port); when it is taken and `fallBack`, on any free port instead. */
export async function listenOnPort(server: Server, port: number, host: string, fallBack: boolean): Promise<Listening> {
  try {
    return { port: await listen(server, port, host), fellBack: false };
  } catch (error) {
    if (!fallBack || port === 0 || (error as NodeJS.ErrnoException).code !== "EADDRINUSE") {
      throw error;
    }
    return { port: await listen(server, 0, host), fellBack: true };
  }
}
