import { IAMClient } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { fakeIam } from "./fakeIam";

/**
 * `node --require test/dist/support/fakeAwsAccountPreload.js scripts/dist/start.js --aws`: AWS mode whose five
 * services are whatever AWS_ENDPOINT_URL names (the emulator, which has no IAM or STS), with every IAM and STS
 * client of the process answered in memory for account FAKE_AWS_ACCOUNT (default 123456789012).
 * FAKE_IAM_DELAY_MS makes each IAM call of a teardown (List, Detach, Delete) take that long: a teardown slow enough
 * to interrupt, after a set-up as quick as ever.
 */
const accountId = process.env["FAKE_AWS_ACCOUNT"] ?? "123456789012";
fakeIam(accountId, [], true);
mockClient(STSClient)
  .on(GetCallerIdentityCommand)
  .resolves({ Account: accountId, Arn: `arn:aws:iam::${accountId}:user/student`, UserId: "AIDAFAKE" });

const delayMs = Number(process.env["FAKE_IAM_DELAY_MS"] ?? 0);
if (delayMs > 0) {
  const mockedSend = IAMClient.prototype.send as (...args: unknown[]) => Promise<unknown>;
  (IAMClient.prototype as { send: unknown }).send = async function (this: IAMClient, ...args: unknown[]): Promise<unknown> {
    if (/^(List|Detach|Delete)/.test((args[0] as object).constructor.name)) {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
    return mockedSend.apply(this, args);
  };
}
