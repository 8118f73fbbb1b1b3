import type { IAMClient } from "@aws-sdk/client-iam";
import { S3Client } from "@aws-sdk/client-s3";
import type { STSClient } from "@aws-sdk/client-sts";
import { createAwsClients, createIamClient, createStsClient, resolveClientConfig, type AwsClients } from "@gpu-stream/shared";

/** The clients a fidelity run talks to its target with: the pipeline's five, IAM and STS, and S3 in other regions. */
export interface FidelityClients {
  readonly clients: AwsClients;
  readonly iam: IAMClient;
  readonly sts: STSClient;
  readonly region: string;
  /** An S3 client like `clients.s3` in another region (a bucket is created, and deleted, through its own region). */
  s3In(region: string): S3Client;
  destroy(): void;
}

/** The suite's region when nothing names one. */
export const DEFAULT_SUITE_REGION = "us-east-1";

/** The region AWS mode would use (AWS_REGION, AWS_DEFAULT_REGION, the profile's), else us-east-1. */
export async function resolveSuiteRegion(): Promise<string> {
  const probe = createAwsClients({ mode: "aws" });
  try {
    return await probe.region();
  } catch {
    return DEFAULT_SUITE_REGION;
  } finally {
    probe.destroy();
  }
}

/** Builds a FidelityClients from the pipeline's clients, IAM and STS clients, and a way to make S3 clients by region. */
export function fidelityClients(clients: AwsClients, iam: IAMClient, sts: STSClient, region: string, s3ForRegion: (region: string) => S3Client): FidelityClients {
  const extraS3 = new Map<string, S3Client>();
  return {
    clients,
    iam,
    sts,
    region,
    s3In: (other) => {
      const existing = extraS3.get(other);
      if (existing !== undefined) {
        return existing;
      }
      const created = s3ForRegion(other);
      extraS3.set(other, created);
      return created;
    },
    destroy: () => {
      for (const client of [clients, iam, sts, ...extraS3.values()]) {
        client.destroy();
      }
    },
  };
}

/**
 * Real AWS, exactly as `npm start -- --aws` reaches it: createAwsClients in aws mode (default credential chain, the
 * SDK's endpoints, or AWS_ENDPOINT_URL when set), and IAM and STS with the same region and profile.
 */
export function awsFidelityClients(region: string): FidelityClients {
  const clients = createAwsClients({ mode: "aws", region });
  return fidelityClients(clients, createIamClient(clients), createStsClient(clients), region, (other) => new S3Client(resolveClientConfig({ mode: "aws", region: other }).common));
}
