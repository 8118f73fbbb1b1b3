import { GetRoleCommand, GetRolePolicyCommand, IAMClient, ListAttachedRolePoliciesCommand, ListRolePoliciesCommand, ListRolesCommand } from "@aws-sdk/client-iam";
import { fakeIam, type FakeRole } from "./fakeIam";
import { clientConfig, startTestEmulator } from "./testEmulator";

/**
 * An IAM for shared's role tests to run against: the in-memory fake (fakeIam.ts) or the emulator's own IAM over
 * the query protocol. Both record each command sent as `IAM:<Operation> <RoleName>` and answer what roles exist.
 */
export interface IamBackend {
  readonly client: IAMClient;
  /** The account its role ARNs name. */
  readonly accountId: string;
  readonly calls: string[];
  /** The roles now, as the fake keeps them (documents decoded). */
  roles(): Promise<ReadonlyMap<string, FakeRole>>;
  close(): Promise<void>;
}

export interface IamBackendKind {
  readonly name: string;
  open(): Promise<IamBackend>;
}

/** Records `IAM:<Operation> <RoleName>` for every command the client sends, before it is sent. */
function recordCalls(client: IAMClient, calls: string[]): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const roleName = (args.input as { RoleName?: string }).RoleName;
      calls.push(`IAM:${String(context.commandName).replace(/Command$/, "")} ${roleName ?? ""}`.trim());
      return next(args);
    },
    { step: "initialize", name: "recordIamCalls" },
  );
}

/** The roles the emulator's IAM holds, read back through IAM itself (paging aside: tests make a few). */
async function rolesOf(client: IAMClient): Promise<Map<string, FakeRole>> {
  const roles = new Map<string, FakeRole>();
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

export const fakeIamBackend: IamBackendKind = {
  name: "IAM faked",
  open: async () => {
    const iam = fakeIam();
    return { client: iam.client, accountId: "123456789012", calls: iam.calls, roles: async () => iam.roles, close: async () => iam.restore() };
  },
};

export const emulatorIamBackend: IamBackendKind = {
  name: "the emulator's IAM",
  open: async () => {
    const emulator = await startTestEmulator();
    const client = new IAMClient(clientConfig(emulator.emulator.url));
    const calls: string[] = [];
    // Read-backs of the test's own go through a client of their own, so they are not in `calls`.
    const reader = new IAMClient(clientConfig(emulator.emulator.url));
    recordCalls(client, calls);
    return {
      client,
      accountId: "000000000000",
      calls,
      roles: () => rolesOf(reader),
      close: async () => {
        client.destroy();
        reader.destroy();
        await emulator.close();
      },
    };
  },
};

export const IAM_BACKENDS: readonly IamBackendKind[] = [fakeIamBackend, emulatorIamBackend];
