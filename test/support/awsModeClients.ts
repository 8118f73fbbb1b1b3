import { createAwsClients, type AwsClients } from "@gpu-stream/shared";

/**
 * aws-mode clients whose six services are the emulator: built as local mode builds them (path-style S3, signed
 * test/test: createAwsClients in aws mode takes credentials from the default chain only), labelled with an aws
 * target. IAM and STS are each test's: clients of the emulator's own (shared/aws/emulatorIam.test.ts; support/emulatorIam.ts).
 */
export function awsModeClientsAt(url: string): AwsClients {
  const clients = createAwsClients({ mode: "local", endpoint: url, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } }, {});
  return { ...clients, target: { mode: "aws", region: "us-east-1", endpoint: url, description: `AWS, played by the emulator at ${url}` } };
}
