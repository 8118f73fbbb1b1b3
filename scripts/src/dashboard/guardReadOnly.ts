import type { AwsClients } from "@gpu-stream/shared";

type Handler = (args: never) => Promise<unknown>;

/** The part of an SDK client's middleware stack used here (the same in every client). */
interface MiddlewareHost {
  readonly middlewareStack: {
    add(middleware: (next: Handler, context: { readonly commandName?: string }) => Handler, options: { step: "initialize"; name: string; priority: "high" }): void;
  };
}

/** The operations the dashboard may call: it looks, it never changes anything. */
export const READ_ONLY_OPERATION = /^(Describe|List|Get|BatchGet|Head)[A-Z]/;

/**
 * Makes the clients refuse, before anything is sent, any operation that is not a read: a bug in the dashboard
 * can then never create, change or delete a resource, on AWS least of all. For clients the dashboard owns.
 */
export function guardReadOnly(clients: Pick<AwsClients, "kinesis" | "firehose" | "s3" | "glue" | "athena">): void {
  const hosts: MiddlewareHost[] = [clients.kinesis, clients.firehose, clients.s3, clients.glue, clients.athena];
  for (const client of hosts) {
    client.middlewareStack.add(
      (next, context) => (args) => {
        const operation = context.commandName?.replace(/Command$/, "") ?? "";
        if (!READ_ONLY_OPERATION.test(operation)) {
          return Promise.reject(new Error(`the dashboard only reads: ${operation || "an unnamed operation"} refused`));
        }
        return next(args);
      },
      { step: "initialize", name: "gpuStreamDashboardReadOnly", priority: "high" },
    );
  }
}
