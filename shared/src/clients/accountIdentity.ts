import { GetCallerIdentityCommand, type STSClient } from "@aws-sdk/client-sts";
import type { AwsClients } from "./awsClients";
import { awsPipelineNames, localPipelineNames, type PipelineNames } from "../provision/pipelineNames";
import { createStsClient, withClient } from "./globalClients";

/** The account the default credential chain signs in as; rejects with what to do when there are no usable credentials. */
export async function callerAccountId(sts: STSClient): Promise<string> {
  let account: string | undefined;
  try {
    account = (await sts.send(new GetCallerIdentityCommand({}))).Account;
  } catch (error) {
    throw new Error(
      `Could not tell which AWS account to use (STS GetCallerIdentity failed: ${(error as Error).message}). ` +
        "Sign in first: 'aws configure', 'aws sso login --profile NAME' with AWS_PROFILE=NAME, or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY in the environment.",
      { cause: error },
    );
  }
  if (account === undefined) {
    throw new Error("STS GetCallerIdentity answered no account id");
  }
  return account;
}

/**
 * The pipeline's resource names for where the clients point: fixed names on the emulator; on AWS, names made
 * unique by the signed-in account and the region (a bucket name is global).
 */
export async function resolvePipelineNames(clients: AwsClients, sts?: STSClient): Promise<PipelineNames> {
  const region = await clients.region();
  if (clients.target.mode === "local") {
    return localPipelineNames(region);
  }
  const accountId = await withClient(sts, () => createStsClient(clients), callerAccountId);
  return awsPipelineNames(accountId, region);
}
