/** The kinds of resource the exercise makes, in the order set-up creates them. */
export type PipelineResourceKind = "bucket" | "stream" | "role" | "logGroup" | "logStream" | "deliveryStream" | "database" | "crawler";

export const RESOURCE_KIND_LABELS: Readonly<Record<PipelineResourceKind, string>> = {
  bucket: "S3 bucket",
  stream: "Kinesis data stream",
  role: "IAM role",
  logGroup: "CloudWatch log group",
  logStream: "CloudWatch log stream",
  deliveryStream: "Firehose delivery stream",
  database: "Glue database",
  crawler: "Glue crawler",
};

export interface PipelineResourceRef {
  readonly kind: PipelineResourceKind;
  readonly name: string;
}

export function describeResource(resource: PipelineResourceRef): string {
  return `${RESOURCE_KIND_LABELS[resource.kind]} ${resource.name}`;
}
