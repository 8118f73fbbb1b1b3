/**
 * The documents of the AWS managed policies the emulator evaluates, each as the AWS Managed Policy Reference
 * publishes its default version. Any other AWS managed policy attached to a role grants nothing in the emulator
 * (RoleAuthority says so in the emulator's log).
 */
const DOCUMENTS: Readonly<Record<string, unknown>> = {};

/** The policy's document as JSON text, or undefined when the emulator does not have it. */
export function awsManagedPolicyDocument(policyArn: string): string | undefined {
  const document = DOCUMENTS[policyArn];
  return document === undefined ? undefined : JSON.stringify(document);
}
