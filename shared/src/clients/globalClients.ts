import { IAMClient } from "@aws-sdk/client-iam";
import { STSClient } from "@aws-sdk/client-sts";
import type { AwsClients } from "./awsClients";

function sameCredentials(clients: AwsClients) {
  // The five clients' endpoint is for those services (a VPC or FIPS endpoint); IAM and STS keep AWS's own.
  return { region: clients.region, ...(clients.target.profile === undefined ? {} : { profile: clients.target.profile }) };
}

/** An IAM client with the same region and credentials (profile) as the five service clients. aws mode only. */
export function createIamClient(clients: AwsClients): IAMClient {
  return new IAMClient(sameCredentials(clients));
}

/** An STS client with the same region and credentials (profile) as the five service clients. aws mode only. */
export function createStsClient(clients: AwsClients): STSClient {
  return new STSClient(sameCredentials(clients));
}

/** Runs `body` with the given client, or with a new one it closes afterwards. */
export async function withClient<C extends { destroy(): void }, T>(given: C | undefined, create: () => C, body: (client: C) => Promise<T>): Promise<T> {
  const client = given ?? create();
  try {
    return await body(client);
  } finally {
    if (given === undefined) {
      client.destroy();
    }
  }
}
