import type { KinesisClient } from "@aws-sdk/client-kinesis";
import type { BenchStream } from "../kinesis/benchStream";
import type { Ledger } from "../workload/Ledger";

/** What a phase drives and records into: a client for the system, its stream, the ledger, the server to measure. */
export interface StreamTarget {
  readonly client: KinesisClient;
  readonly stream: BenchStream;
  readonly ledger: Ledger;
  readonly serverPid: number;
}
