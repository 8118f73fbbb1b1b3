import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DeleteConflictException,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  EntityAlreadyExistsException,
  GetRoleCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  NoSuchEntityException,
  PutRolePolicyCommand,
  UpdateAssumeRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { mockClient } from "aws-sdk-client-mock";

export interface FakeRole {
  readonly arn: string;
  trustPolicy: string;
  readonly inline: Map<string, string>;
  readonly attached: Set<string>;
  readonly description?: string;
  readonly tags: readonly { Key?: string; Value?: string }[];
}

export interface FakeIam {
  readonly client: IAMClient;
  readonly roles: Map<string, FakeRole>;
  /** Every command sent, as `IAM:<Operation>` (the name of the role after a space), in order. */
  readonly calls: string[];
  restore(): void;
}

function noSuchRole(name: string): NoSuchEntityException {
  return new NoSuchEntityException({ message: `The role with name ${name} cannot be found.`, $metadata: { httpStatusCode: 404 } });
}

/**
 * An IAM that keeps roles in memory and answers as IAM does (NoSuchEntity, EntityAlreadyExists, DeleteConflict
 * while policies remain), through aws-sdk-client-mock on one client. `log` may be shared with other services'
 * logs to check the order of calls across services. `everyClient` mocks the class: every IAMClient in the process.
 */
export function fakeIam(accountId = "123456789012", log: string[] = [], everyClient = false): FakeIam {
  const client = new IAMClient({ region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } });
  // everyClient: every IAMClient of the process (a child process's, made inside the code under test) shares it.
  const mock = mockClient(everyClient ? IAMClient : client);
  const roles = new Map<string, FakeRole>();
  const role = (name: string | undefined): FakeRole => {
    const found = roles.get(name ?? "");
    if (found === undefined) {
      throw noSuchRole(name ?? "");
    }
    return found;
  };
  const record = (operation: string, roleName: string | undefined): void => {
    log.push(`IAM:${operation} ${roleName ?? ""}`.trim());
  };

  mock.on(GetRoleCommand).callsFake((input: { RoleName?: string }) => {
    record("GetRole", input.RoleName);
    const found = role(input.RoleName);
    return { Role: { RoleName: input.RoleName, Arn: found.arn, Path: "/", RoleId: "AROAFAKE", CreateDate: new Date(), AssumeRolePolicyDocument: encodeURIComponent(found.trustPolicy) } };
  });
  mock.on(CreateRoleCommand).callsFake((input: { RoleName?: string; AssumeRolePolicyDocument?: string; Description?: string; Tags?: { Key?: string; Value?: string }[] }) => {
    record("CreateRole", input.RoleName);
    if (roles.has(input.RoleName!)) {
      throw new EntityAlreadyExistsException({ message: `Role with name ${input.RoleName} already exists.`, $metadata: { httpStatusCode: 409 } });
    }
    const created: FakeRole = {
      arn: `arn:aws:iam::${accountId}:role/${input.RoleName}`,
      trustPolicy: input.AssumeRolePolicyDocument!,
      inline: new Map(),
      attached: new Set(),
      ...(input.Description === undefined ? {} : { description: input.Description }),
      tags: input.Tags ?? [],
    };
    roles.set(input.RoleName!, created);
    return { Role: { RoleName: input.RoleName, Arn: created.arn, Path: "/", RoleId: "AROAFAKE", CreateDate: new Date() } };
  });
  mock.on(UpdateAssumeRolePolicyCommand).callsFake((input: { RoleName?: string; PolicyDocument?: string }) => {
    record("UpdateAssumeRolePolicy", input.RoleName);
    role(input.RoleName).trustPolicy = input.PolicyDocument!;
    return {};
  });
  mock.on(PutRolePolicyCommand).callsFake((input: { RoleName?: string; PolicyName?: string; PolicyDocument?: string }) => {
    record("PutRolePolicy", input.RoleName);
    role(input.RoleName).inline.set(input.PolicyName!, input.PolicyDocument!);
    return {};
  });
  mock.on(AttachRolePolicyCommand).callsFake((input: { RoleName?: string; PolicyArn?: string }) => {
    record("AttachRolePolicy", input.RoleName);
    role(input.RoleName).attached.add(input.PolicyArn!);
    return {};
  });
  mock.on(ListAttachedRolePoliciesCommand).callsFake((input: { RoleName?: string }) => {
    record("ListAttachedRolePolicies", input.RoleName);
    return { AttachedPolicies: [...role(input.RoleName).attached].map((arn) => ({ PolicyArn: arn, PolicyName: arn.split("/").pop() })), IsTruncated: false };
  });
  mock.on(DetachRolePolicyCommand).callsFake((input: { RoleName?: string; PolicyArn?: string }) => {
    record("DetachRolePolicy", input.RoleName);
    if (!role(input.RoleName).attached.delete(input.PolicyArn!)) {
      throw new NoSuchEntityException({ message: `Policy ${input.PolicyArn} was not found.`, $metadata: { httpStatusCode: 404 } });
    }
    return {};
  });
  mock.on(ListRolePoliciesCommand).callsFake((input: { RoleName?: string }) => {
    record("ListRolePolicies", input.RoleName);
    return { PolicyNames: [...role(input.RoleName).inline.keys()], IsTruncated: false };
  });
  mock.on(DeleteRolePolicyCommand).callsFake((input: { RoleName?: string; PolicyName?: string }) => {
    record("DeleteRolePolicy", input.RoleName);
    role(input.RoleName).inline.delete(input.PolicyName!);
    return {};
  });
  mock.on(DeleteRoleCommand).callsFake((input: { RoleName?: string }) => {
    record("DeleteRole", input.RoleName);
    const found = role(input.RoleName);
    if (found.attached.size > 0 || found.inline.size > 0) {
      throw new DeleteConflictException({ message: "Cannot delete entity, must detach all policies first.", $metadata: { httpStatusCode: 409 } });
    }
    roles.delete(input.RoleName!);
    return {};
  });
  return { client, roles, calls: log, restore: () => mock.restore() };
}
