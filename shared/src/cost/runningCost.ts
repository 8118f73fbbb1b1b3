import { DescribeStreamSummaryCommand, ResourceNotFoundException } from "@aws-sdk/client-kinesis";
import type { AwsClients } from "../clients/awsClients";
import type { PipelineNames } from "../provision/pipelineNames";
import { estimateHourlyCost, type CostEstimate } from "./costEstimate";

/**
 * What the pipeline as it exists now costs per hour, from its data stream's real mode and shard count (the one
 * resource that bills by the hour). Undefined when the stream does not exist. Teardown prints it before deleting.
 */
export async function estimateRunningCost(clients: AwsClients, names: PipelineNames): Promise<CostEstimate | undefined> {
  try {
    const { StreamDescriptionSummary: summary } = await clients.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: names.stream }));
    const streamMode = summary?.StreamModeDetails?.StreamMode === "ON_DEMAND" ? "ON_DEMAND" : "PROVISIONED";
    return estimateHourlyCost({ streamMode, shardCount: Math.max(1, summary?.OpenShardCount ?? 1), region: names.region });
  } catch (error) {
    if (error instanceof ResourceNotFoundException) {
      return undefined;
    }
    throw error;
  }
}
