import assert from "node:assert/strict";
import { GetRoleCommand, GetRolePolicyCommand, IAMClient, ListAttachedRolePoliciesCommand, ListRolePoliciesCommand, ListRolesCommand } from "@aws-sdk/client-iam";
import { clientConfig, startTestEmulator, type TestEmulator } from "./testEmulator";

/** A role as the emulator's IAM answers it, read back through IAM itself (documents URL-decoded). */
export interface IamRole {
  readonly arn: string;
  readonly trustPolicy: string;
  readonly inline: ReadonlyMap<string, string>;
  readonly attached: ReadonlySet<string>;
  readonly description?: string;
  readonly tags: readonly { Key?: string; Value?: string }[];
}

/** Records `IAM:<Operation> <RoleName>` in `calls` for every command the client sends, before it is sent. */
export function recordIamCalls(client: IAMClient, calls: string[]): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const roleName = (args.input as { RoleName?: string }).RoleName;
      calls.push(`IAM:${String(context.commandName).replace(/Command$/, "")} ${roleName ?? ""}`.trim());
      return next(args);
    },
    { step: "initialize", name: "recordIamCalls" },
  );
}

/** Every role the emulator's IAM holds, by name (paging aside: tests make a few). */
export async function rolesOf(client: IAMClient): Promise<Map<string, IamRole>> {
  const roles = new Map<string, IamRole>();
  for (const listed of (await client.send(new ListRolesCommand({}))).Roles ?? []) {
    const roleName = listed.RoleName!;
    const role = (await client.send(new GetRoleCommand({ RoleName: roleName }))).Role!;
    const inline = new Map<string, string>();
    for (const policyName of (await client.send(new ListRolePoliciesCommand({ RoleName: roleName }))).PolicyNames ?? []) {
      const document = (await client.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: policyName }))).PolicyDocument!;
      inline.set(policyName, decodeURIComponent(document));
    }
    const attached = (await client.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName }))).AttachedPolicies ?? [];
    roles.set(roleName, {
      arn: role.Arn!,
      trustPolicy: decodeURIComponent(role.AssumeRolePolicyDocument!),
      inline,
      attached: new Set(attached.map((policy) => policy.PolicyArn!)),
      ...(role.Description === undefined ? {} : { description: role.Description }),
      tags: role.Tags ?? [],
    });
  }
  return roles;
}

/** Sets faults through the emulator's `/_emulator/faults` (not AWS; docs/emulator.md "Faults (not AWS)"). */
export async function injectFaults(emulatorUrl: string, faults: object): Promise<void> {
  const answer = await fetch(`${emulatorUrl}/_emulator/faults`, { method: "POST", body: JSON.stringify(faults) });
  assert.equal(answer.status, 200, await answer.text());
}

/** A fresh emulator's IAM, for shared's role code to run against. */
export interface EmulatorIam {
  readonly emulator: TestEmulator;
  /** The client the code under test gets: each command it sends is in `calls`. */
  readonly client: IAMClient;
  readonly calls: string[];
  /** A client of the test's own (set-up, read-backs, another party's changes), not recorded in `calls`. */
  readonly admin: IAMClient;
  /** The roles now, read back through `admin`. */
  roles(): Promise<Map<string, IamRole>>;
  close(): Promise<void>;
}

export async function openEmulatorIam(): Promise<EmulatorIam> {
  const emulator = await startTestEmulator();
  const client = new IAMClient(clientConfig(emulator.emulator.url));
  const admin = new IAMClient(clientConfig(emulator.emulator.url));
  const calls: string[] = [];
  recordIamCalls(client, calls);
  return {
    emulator,
    client,
    calls,
    admin,
    roles: () => rolesOf(admin),
    close: async () => {
      client.destroy();
      admin.destroy();
      await emulator.close();
    },
  };
}
