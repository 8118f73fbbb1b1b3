// Sources: "Policy evaluation logic" and "IAM JSON policy elements: Principal" (IAM User Guide); a service that
// acts for the account assumes the role named to it, and from then on each of its requests is allowed only as the
// role's policies allow it (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-service.html).
import { awsManagedPolicyDocument } from "./awsManagedPolicies";
import { evaluateStatements, statementApplies, statementsOf, type Decision, type EvaluatedStatement } from "./policyEvaluation";
import type { RoleStore, StoredRole } from "./RoleStore";

/** A service principal, as trust policies name it. */
export type ServicePrincipal = "firehose.amazonaws.com" | "glue.amazonaws.com";

/** What a service passes when it assumes a role: the condition keys its AssumeRole carries. */
export interface AssumeRequest {
  readonly service: ServicePrincipal;
  /** Condition keys of the AssumeRole call: Firehose passes the account as `sts:ExternalId`. */
  readonly conditionKeys?: Readonly<Record<string, string>>;
}

/** Why a service could not assume a role. */
export type AssumeRefusal =
  /** No role of that name in the emulator's IAM. */
  | "no-such-role"
  /** The role's trust policy does not let the service assume it. */
  | "trust-denies"
  /** An injected fault (not AWS): the role is younger than the propagation delay. */
  | "not-propagated";

/** A service acting as a role: every request it makes is asked of `decide` first. */
export interface ActingRole {
  readonly roleArn: string;
  decide(action: string, resource: string, conditionKeys?: Readonly<Record<string, string>>): Decision;
}

export type AssumeOutcome = { readonly ok: true; readonly role: ActingRole } | { readonly ok: false; readonly refusal: AssumeRefusal };

export interface RoleAuthorityOptions {
  /**
   * Whether a role ARN that names no role in the emulator is refused ("no-such-role"), as AWS refuses it. Off by
   * default: local mode names roles it never creates (shared/src/provision/pipelineRoles.ts, localRoleArns), and such a
   * role acts with no restriction. A role that exists is always evaluated.
   */
  readonly enforceRoles: boolean;
  /** Injected fault (not AWS): how long after its creation a role cannot be assumed yet. */
  readonly propagationDelayMs: () => number;
  readonly now: () => number;
  readonly log: (message: string) => void;
}

const ROLE_ARN = /^arn:aws[\w-]*:iam::(\d{12}):role((?:\/[\u0021-\u007E]+)*\/)([\w+=,.@-]+)$/;

const UNRESTRICTED: (roleArn: string) => ActingRole = (roleArn) => ({ roleArn, decide: () => "allow" });

function principalNames(principal: unknown, service: ServicePrincipal): boolean {
  if (principal === "*") {
    return true;
  }
  if (principal === null || typeof principal !== "object") {
    return false;
  }
  const services = (principal as { Service?: unknown }).Service;
  const list = Array.isArray(services) ? services : [services];
  return list.some((item) => item === service);
}

/**
 * Services acting as roles: Firehose and the Glue crawler assume the role they were given (its trust policy
 * evaluated with the keys they pass) and are then allowed what the role's inline and attached AWS managed policies
 * allow; a caller signing with an AssumeRole session is asked of its role's policies the same way (`callerDecide`).
 * The role is read at each decision, so a policy put or deleted takes effect at once (AWS: within seconds).
 */
export class RoleAuthority {
  private readonly unknownPolicies = new Set<string>();

  constructor(
    private readonly roles: RoleStore,
    private readonly accountId: string,
    private readonly options: RoleAuthorityOptions,
  ) {}

  /** The role an ARN names in this account, if the emulator has it. */
  private roleOf(roleArn: string): StoredRole | undefined {
    const match = ROLE_ARN.exec(roleArn);
    if (match === null || match[1] !== this.accountId) {
      return undefined;
    }
    const role = this.roles.find(match[3]!);
    return role !== undefined && role.path === match[2] ? role : undefined;
  }

  assume(roleArn: string, request: AssumeRequest): AssumeOutcome {
    const role = this.roleOf(roleArn);
    if (role === undefined) {
      return this.options.enforceRoles ? { ok: false, refusal: "no-such-role" } : { ok: true, role: UNRESTRICTED(roleArn) };
    }
    if (this.options.now() - role.createDate < this.options.propagationDelayMs()) {
      return { ok: false, refusal: "not-propagated" };
    }
    const trust = statementsOf(role.assumeRolePolicyDocument).filter((statement) => principalNames(statement.Principal, request.service));
    const facts = { action: "sts:AssumeRole", resource: role.arn, conditionKeys: request.conditionKeys ?? {} };
    const trusted = trust.some((statement) => statement.Effect === "Allow" && statementApplies(statement, facts)) && !trust.some((statement) => statement.Effect === "Deny" && statementApplies(statement, facts));
    if (!trusted) {
      return { ok: false, refusal: "trust-denies" };
    }
    return {
      ok: true,
      role: {
        roleArn,
        decide: (action, resource, conditionKeys) => {
          const current = this.roleOf(roleArn);
          if (current === undefined) {
            return this.options.enforceRoles ? "implicit-deny" : "allow";
          }
          return this.evaluate(current, action, resource, conditionKeys);
        },
      },
    };
  }

  /**
   * A caller already acting as a role (a session AssumeRole issued to it) asks for `action`: the role's identity
   * policies decide, with no trust step. A role deleted since grants nothing.
   */
  callerDecide(roleArn: string, action: string, resource: string, conditionKeys?: Readonly<Record<string, string>>): Decision {
    const role = this.roleOf(roleArn);
    return role === undefined ? "implicit-deny" : this.evaluate(role, action, resource, conditionKeys);
  }

  private evaluate(role: StoredRole, action: string, resource: string, conditionKeys: Readonly<Record<string, string>> | undefined): Decision {
    return evaluateStatements(this.identityStatements(role), { action, resource, ...(conditionKeys === undefined ? {} : { conditionKeys }) });
  }

  /** The role's inline policies and its attached AWS managed policies, as one list of statements. */
  private identityStatements(role: StoredRole): EvaluatedStatement[] {
    const statements = Object.values(role.inlinePolicies).flatMap(statementsOf);
    for (const arn of role.attachedPolicyArns) {
      const document = awsManagedPolicyDocument(arn);
      if (document === undefined) {
        if (!this.unknownPolicies.has(arn)) {
          this.unknownPolicies.add(arn);
          this.options.log(`iam: the emulator does not know the document of ${arn}; role ${role.roleName} gets nothing from it`);
        }
        continue;
      }
      statements.push(...statementsOf(document));
    }
    return statements;
  }
}
