import { join } from "node:path";
import type { WorkGroup } from "@aws-sdk/client-athena";
import { readStateJson } from "../../../storage/readStateFile";
import { writeFileAtomic } from "../../../storage/writeFileAtomic";
import { invalidRequest } from "../errors/athenaErrors";

interface StoredWorkGroup {
  readonly name: string;
  readonly description?: string;
  readonly outputLocation?: string;
  readonly enforce: boolean;
  readonly createdMs: number;
}

/** Athena's workgroups, kept in `workgroups.json`; `primary` always exists, as in every AWS account. */
export class WorkGroups {
  private constructor(
    private readonly file: string,
    private readonly groups: Map<string, StoredWorkGroup>,
  ) {}

  static async open(directory: string, now: number): Promise<WorkGroups> {
    const file = join(directory, "workgroups.json");
    const groups = new Map<string, StoredWorkGroup>();
    for (const group of (await readStateJson<StoredWorkGroup[]>(file)) ?? []) {
      groups.set(group.name, group);
    }
    if (!groups.has("primary")) {
      groups.set("primary", { name: "primary", enforce: false, createdMs: now });
    }
    return new WorkGroups(file, groups);
  }

  private save(): Promise<void> {
    return writeFileAtomic(this.file, JSON.stringify([...this.groups.values()], null, 2));
  }

  get(name: string): StoredWorkGroup {
    const group = this.groups.get(name);
    if (group === undefined) {
      throw invalidRequest(`WorkGroup ${name} is not found.`);
    }
    return group;
  }

  list(): readonly StoredWorkGroup[] {
    return [...this.groups.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async create(group: StoredWorkGroup): Promise<void> {
    if (this.groups.has(group.name)) {
      throw invalidRequest("WorkGroup is already created");
    }
    this.groups.set(group.name, group);
    await this.save();
  }

  async delete(name: string): Promise<void> {
    this.get(name);
    if (name === "primary") {
      throw invalidRequest("Cannot delete primary workgroup");
    }
    this.groups.delete(name);
    await this.save();
  }

  describe(name: string): WorkGroup {
    const group = this.get(name);
    return {
      Name: group.name,
      State: "ENABLED",
      Description: group.description,
      CreationTime: new Date(group.createdMs),
      Configuration: {
        ResultConfiguration: group.outputLocation === undefined ? {} : { OutputLocation: group.outputLocation },
        EnforceWorkGroupConfiguration: group.enforce,
        PublishCloudWatchMetricsEnabled: false,
        RequesterPaysEnabled: false,
        EngineVersion: { SelectedEngineVersion: "AUTO", EffectiveEngineVersion: "Athena engine version 3" },
      },
    };
  }
}

export type { StoredWorkGroup };
