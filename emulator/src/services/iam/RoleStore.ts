// Source: https://docs.aws.amazon.com/IAM/latest/APIReference/API_Role.html (ARN, RoleId, CreateDate) and
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html (limits).
import { join } from "node:path";
import { writeFileAtomic } from "../../storage/writeFileAtomic";
import { CorruptStateError, readStateJson } from "../../storage/readStateFile";

export interface RoleTag {
  readonly Key: string;
  readonly Value: string;
}

/** A role as the emulator keeps it; documents decoded (as sent, before the SDK's URL-encoding of answers). */
export interface StoredRole {
  readonly roleName: string;
  readonly roleId: string;
  readonly path: string;
  readonly arn: string;
  /** Milliseconds since the epoch. */
  readonly createDate: number;
  assumeRolePolicyDocument: string;
  description?: string;
  maxSessionDuration: number;
  tags: RoleTag[];
  /** Inline policies by name, in the order they were put. */
  inlinePolicies: Record<string, string>;
  attachedPolicyArns: string[];
}

const FILE = "roles.json";

/**
 * IAM roles, in memory and in one JSON file under the service's directory, written whole and atomically after
 * each change so a restart finds them. Role names are unique regardless of case, as in IAM.
 */
export class RoleStore {
  private constructor(
    private readonly file: string,
    private readonly roles: Map<string, StoredRole>,
  ) {}

  static async open(directory: string): Promise<RoleStore> {
    const file = join(directory, FILE);
    const stored = await readStateJson<unknown>(file);
    if (stored !== undefined && !Array.isArray(stored)) {
      throw new CorruptStateError(file, "not a list of roles");
    }
    const roles = new Map(((stored ?? []) as StoredRole[]).map((role) => [role.roleName.toLowerCase(), role]));
    return new RoleStore(file, roles);
  }

  find(roleName: string): StoredRole | undefined {
    return this.roles.get(roleName.toLowerCase());
  }

  /** Every role, ordered by name as ListRoles answers them. */
  all(): StoredRole[] {
    return [...this.roles.values()].sort((a, b) => (a.roleName < b.roleName ? -1 : a.roleName > b.roleName ? 1 : 0));
  }

  async add(role: StoredRole): Promise<void> {
    this.roles.set(role.roleName.toLowerCase(), role);
    await this.saveOrUndo(() => this.roles.delete(role.roleName.toLowerCase()));
  }

  async remove(roleName: string): Promise<void> {
    const role = this.roles.get(roleName.toLowerCase());
    this.roles.delete(roleName.toLowerCase());
    await this.saveOrUndo(() => role !== undefined && this.roles.set(roleName.toLowerCase(), role));
  }

  /** Applies `change` to the role and saves; a failed save restores the role as it was. */
  async update(role: StoredRole, change: (role: StoredRole) => void): Promise<void> {
    const before = structuredClone(role);
    change(role);
    await this.saveOrUndo(() => Object.assign(role, before));
  }

  private async saveOrUndo(undo: () => unknown): Promise<void> {
    try {
      await writeFileAtomic(this.file, `${JSON.stringify([...this.roles.values()], null, 1)}\n`);
    } catch (error) {
      undo();
      throw error;
    }
  }
}
