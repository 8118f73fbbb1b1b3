import { describeResource, type PipelineResourceKind, type PipelineResourceRef } from "./pipelineResources";

export interface ProvisionedResource extends PipelineResourceRef {
  /** False when it already existed. */
  readonly created: boolean;
}

/** Collects what each set-up step did and reports it as it happens. */
export class StepLog {
  readonly resources: ProvisionedResource[] = [];
  constructor(private readonly onStep: (line: string) => void) {}

  record(kind: PipelineResourceKind, name: string, created: boolean): void {
    const resource = { kind, name, created };
    this.resources.push(resource);
    this.onStep(created ? `created ${describeResource(resource)}` : `${describeResource(resource)} already exists`);
  }

  say(line: string): void {
    this.onStep(line);
  }
}
